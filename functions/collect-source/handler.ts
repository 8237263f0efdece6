// Replaced by the real handler in the collection work (issue 2).
export const handler = async (): Promise<void> => {};

/**
 * Counts words the way a reader would: runs of letters or digits. (A
 * Vietnamese "word" here is a syllable, which is also what read-aloud rates
 * count.)
 */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

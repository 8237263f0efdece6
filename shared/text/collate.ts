/**
 * Vietnamese alphabetical order, for lists of agencies and people.
 *
 * One collator for the whole process: `a.localeCompare(b, 'vi')` builds a new
 * ICU collator on every call, which made sorting 200 agencies cost more than
 * reading them from the table.
 */
const VIETNAMESE = new Intl.Collator('vi');

/** Compares two strings in Vietnamese order (as `localeCompare(…, 'vi')`, without its per-call cost). */
export function compareVietnamese(a: string, b: string): number {
  return VIETNAMESE.compare(a, b);
}

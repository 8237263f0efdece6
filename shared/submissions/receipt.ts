/**
 * Receipt numbers: `CCHC-<year>-Q<quarter>-<5 digits>`, the digits from one
 * atomic counter per year (Vietnam time), so numbers are unique and rise
 * through the year. A number reserved by a submit that lost a race is not
 * reused: the sequence may have gaps, never duplicates.
 */
import { quarterOf } from '../time/vietnam';

/** The counter's year and the number's prefix at `now`, in Vietnam time. */
export function receiptPrefix(now: Date): { year: string; prefix: string } {
  const quarter = quarterOf(now); // e.g. 2026-Q4
  const year = quarter.slice(0, 4);
  return { year, prefix: `CCHC-${quarter}` };
}

/** A receipt number from the prefix and the counter's value. */
export function formatReceipt(prefix: string, sequence: number): string {
  return `${prefix}-${String(sequence).padStart(5, '0')}`;
}

/** Receipt numbers as this module writes them. */
export const RECEIPT_PATTERN = /^CCHC-\d{4}-Q[1-4]-\d{5,}$/;

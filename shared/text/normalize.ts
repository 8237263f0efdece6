/**
 * Text normalisation for Vietnamese text as it arrives from the wild: the
 * same word may come precomposed (NFC) or decomposed (NFD), padded with
 * non-breaking spaces, or carrying stray control characters from old CMSs.
 */

// C0/C1 controls except the whitespace ones (tab, LF, VT, FF, CR are collapsed
// to a space below), plus zero-width space and BOM, which are invisible noise
// in titles and would make equal titles compare unequal.
const CONTROL_CHARS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u200B\uFEFF]/g;

// A high surrogate not followed by a low one, or a low one not preceded by a
// high one: what a byte-level truncation or a bad decoder leaves behind. They
// cannot be encoded as UTF-8, so JSON output and storage would choke on them.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// `\s` already covers U+00A0, U+2000–U+200A, U+2028/9, U+202F, U+205F, U+3000.
const WHITESPACE_RUN = /\s+/g;

// Only text outside printable ASCII can need the slower passes.
const NEEDS_FULL_PASS = /[^\x20-\x7E]/;

/**
 * Normalises text for storage and display: NFC, lone surrogates and control
 * characters removed, every run of whitespace (including U+00A0) collapsed
 * to one space, trimmed.
 * @example normalizeText('  Ca\u0301c\u00A0tin \n') // 'Các tin'
 */
export function normalizeText(text: string): string {
  if (!NEEDS_FULL_PASS.test(text)) return text.replace(WHITESPACE_RUN, ' ').trim();
  return text
    .replace(LONE_SURROGATE, '')
    .replace(CONTROL_CHARS, '')
    .normalize('NFC')
    .replace(WHITESPACE_RUN, ' ')
    .trim();
}

const COMBINING_MARKS = /\p{M}+/gu;
const NOT_LETTER_OR_DIGIT = /[^\p{L}\p{N}]+/gu;

/**
 * Folds text for matching only, never for display: lower case, diacritics
 * removed, đ/Đ → d, punctuation → space, whitespace collapsed. Text typed
 * without diacritics ("cai cach hanh chinh") then matches the accented form.
 * @example foldForMatch('Cải cách hành chính – Đề án 06') // 'cai cach hanh chinh de an 06'
 */
export function foldForMatch(text: string): string {
  return normalizeText(text)
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(NOT_LETTER_OR_DIGIT, ' ')
    .trim();
}

/**
 * Byte-level quirks: legacy code pages and decomposed Unicode.
 */
import iconv from 'iconv-lite';

/** Tone marks that windows-1258 keeps as combining characters. */
const TONE_MARKS = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
const encodable = new Map<string, Buffer | null>();

function encodeChar(char: string): Buffer | null {
  let bytes = encodable.get(char);
  if (bytes === undefined) {
    const candidate = iconv.encode(char, 'windows-1258');
    bytes = iconv.decode(candidate, 'windows-1258') === char ? candidate : null;
    encodable.set(char, bytes);
  }
  return bytes;
}

/**
 * Encodes HTML text in windows-1258 the way old Vietnamese sites did: the
 * letter with its shape marks (â, ă, ê, ô, ơ, ư, đ) precomposed, the tone
 * mark as a following combining character. Characters the code page lacks
 * become numeric character references, so only use this for HTML.
 * @example iconv.decode(toWindows1258('Cải cách'), 'windows-1258').normalize('NFC') // 'Cải cách'
 */
export function toWindows1258(html: string): Buffer {
  const chunks: Buffer[] = [];
  for (const cluster of html.normalize('NFD').match(/\P{M}\p{M}*|\p{M}+/gu) ?? []) {
    const marks = [...cluster].slice(1);
    const base = ([...cluster][0] ?? '') + marks.filter((mark) => !TONE_MARKS.has(mark)).join('');
    const tones = marks.filter((mark) => TONE_MARKS.has(mark));
    for (const char of [...base.normalize('NFC'), ...tones]) {
      const bytes = encodeChar(char);
      chunks.push(bytes ?? Buffer.from(`&#${char.codePointAt(0)};`, 'ascii'));
    }
  }
  return Buffer.concat(chunks);
}

/** UTF-8 bytes of the decomposed (NFD) form, as some CMSs store Vietnamese. */
export function utf8Nfd(text: string): Buffer {
  return Buffer.from(text.normalize('NFD'), 'utf8');
}

/** UTF-8 with a byte-order mark in front. */
export function utf8WithBom(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/**
 * Bytes to text. Older Vietnamese sites serve windows-1258, declare no
 * charset, or declare the wrong one, so the charset is decided in a fixed
 * order: the source's override, a BOM, the Content-Type charset, then what
 * the document itself declares near its start, else UTF-8.
 *
 * Decoding is the platform's WHATWG TextDecoder (Node's full ICU, on Lambda
 * too): it knows every encoding a browser does — so every page an agency's
 * visitors can read — and, unlike iconv-lite, adds nothing to the bundle
 * (iconv-lite's tables were ≈ 270 KB of the collector's, see the README's
 * bundle figures).
 */
import { ExtractError } from './types';

/** A decoded body and the charset that was used. */
export interface DecodedBody {
  /** The text, without a byte-order mark. */
  text: string;
  /** Canonical lower-case charset name, e.g. `utf-8`, `windows-1258`. */
  charset: string;
}

// Declarations are looked for only this far in, as browsers do (they scan 1024 bytes).
const SNIFF_BYTES = 2048;

/**
 * Labels that browsers (WHATWG Encoding) do not take at face value: sites
 * that say iso-8859-1 or ascii mean windows-1252, and a UTF-16 label inside
 * an ASCII-compatible document cannot be true.
 */
const LABEL_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'l1': 'windows-1252',
  ascii: 'windows-1252',
  'us-ascii': 'windows-1252',
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
};

/** Normalises a charset label to the Encoding Standard's name; null when TextDecoder cannot decode it. */
function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const cleaned = label.trim().replace(/^["']|["']$/g, '').toLowerCase();
  if (!cleaned) return null;
  try {
    return new TextDecoder(LABEL_ALIASES[cleaned] ?? cleaned).encoding;
  } catch {
    return null;
  }
}

/**
 * windows-1252's bytes 0x80–0x9F (the Encoding Standard's table; the other
 * bytes are Latin-1). Several Node releases (20.18.3+, 22.13+, 24.0–24.6;
 * nodejs/node#60888) decode them as C1 controls, so they are mapped here and
 * windows-1252 never goes through TextDecoder.
 */
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeAs(body: Uint8Array, charset: string): string {
  if (charset !== 'windows-1252') return new TextDecoder(charset).decode(body);
  const latin1 = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** The `charset` parameter of a Content-Type header, if any. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
  return match ? match[2]! : null;
}

function charsetFromBom(body: Uint8Array): { charset: string; length: number } | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (body[0] === 0xff && body[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (body[0] === 0xfe && body[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** `<?xml … encoding="…"?>`, `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`. */
function charsetFromDeclaration(body: Uint8Array): string | null {
  // latin1 maps every byte to one char, so ASCII declarations read correctly whatever the real charset.
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.byteLength, SNIFF_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*?\sencoding\s*=\s*["']([^"']+)["']/i.exec(head);
  if (xml) return xml[1]!;
  for (const meta of head.matchAll(/<meta\b[^>]*>/gi)) {
    const charset = /\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta[0]);
    if (charset) return charset[1]!;
  }
  return null;
}

/**
 * Decodes a body as fetched.
 *
 * Order: `encodingOverride` (the source's `encoding`), a byte-order mark, the
 * Content-Type `charset`, then `<?xml encoding>` / `<meta charset>` /
 * `<meta http-equiv="Content-Type">` within the first 2 KB, else UTF-8.
 * Labels TextDecoder does not know are skipped; an unknown override is an error
 * because it is a configuration mistake, not a site's.
 * @throws ExtractError `unreadable` when the override names no known charset.
 */
export function decodeBody(
  body: Uint8Array,
  contentType: string | null | undefined,
  encodingOverride?: string | null,
): DecodedBody {
  let charset: string | null = null;
  if (encodingOverride) {
    charset = canonicalCharset(encodingOverride);
    if (!charset) throw new ExtractError(`unknown encoding override "${encodingOverride}"`, 'unreadable');
  }
  charset ??= charsetFromBom(body)?.charset ?? null;
  charset ??= canonicalCharset(charsetFromContentType(contentType));
  if (!charset) {
    const declared = canonicalCharset(charsetFromDeclaration(body));
    // A document that can declare itself in ASCII is not UTF-16.
    charset = declared && !declared.startsWith('utf-16') ? declared : 'utf-8';
  }
  // TextDecoder strips a BOM of the charset it decodes with; a leftover U+FEFF
  // (a BOM of another charset under an override) would still break XML parsers.
  let text = decodeAs(body, charset);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, charset };
}

/**
 * Whether a UTF-8 body ends inside a multi-byte sequence: the sign of a
 * download cut short (a complete document never ends half-way through a
 * character). Trailing whitespace after the cut is not expected and not skipped.
 */
export function endsWithBrokenUtf8(body: Uint8Array): boolean {
  const end = body.byteLength;
  // Walk back over continuation bytes (10xxxxxx) to the lead byte of the last sequence.
  let lead = end - 1;
  while (lead >= 0 && lead > end - 4 && (body[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return false;
  const byte = body[lead]!;
  const expected = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
  return end - lead < expected;
}

/** Whether a charset name denotes UTF-8. */
export function isUtf8(charset: string): boolean {
  return charset === 'utf-8' || charset === 'utf8';
}

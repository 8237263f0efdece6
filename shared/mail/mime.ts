/**
 * RFC 5322 / MIME messages, built by hand (no dependency): one
 * multipart/alternative message with a UTF-8 plain-text part and,
 * optionally, an HTML part, both quoted-printable; the Subject and any
 * non-ASCII header value as RFC 2047 encoded-words. Lines end in CRLF and
 * never exceed 78 characters, so any relay passes the message unchanged.
 *
 * {@link readMimeMessage} reads back what {@link buildMimeMessage} writes
 * (the outbox page shows a stored `.eml`); it is not a general e-mail parser.
 */
import type { OutgoingMail } from './mailer';
import { randomUUID } from 'node:crypto';
import { vietnamParts } from '../time/vietnam';

/** What goes into one message. */
export interface MimeInput {
  from: string;
  /** A display name for From (may be Vietnamese). */
  fromName?: string;
  to: readonly string[];
  subject: string;
  text: string;
  html?: string;
  /** Extra headers (`List-Unsubscribe`, `Auto-Submitted`, …). */
  headers?: Readonly<Record<string, string>>;
  date: Date;
  /** `<…@…>`; generated from the sender's domain when absent. */
  messageId?: string;
}

/** A built message: its bytes and the Message-ID it carries. */
export interface MimeMessage {
  raw: Buffer;
  messageId: string;
}

const CRLF = '\r\n';

/** Headers we write ourselves; an extra header may not replace them. */
const RESERVED_HEADERS = new Set(['from', 'to', 'subject', 'date', 'message-id', 'mime-version', 'content-type', 'content-transfer-encoding']);

/** A header injection attempt or an address we cannot write. */
export class MimeError extends Error {
  override name = 'MimeError';
}

function assertAddress(address: string): void {
  if (!/^[^\s<>"@,;]+@[^\s<>"@,;]+$/.test(address) || !/^[\x21-\x7e]+$/.test(address)) {
    throw new MimeError(`not an address we can send to: ${JSON.stringify(address)}`);
  }
}

function assertHeaderName(name: string): void {
  if (!/^[!-9;-~]+$/.test(name)) throw new MimeError(`not a header name: ${JSON.stringify(name)}`);
  if (RESERVED_HEADERS.has(name.toLowerCase())) throw new MimeError(`header ${name} is written by the builder`);
}

/**
 * `Wed, 25 Nov 2026 10:30:00 +0700` — RFC 5322 date-time, in Vietnam time
 * (the reader's own).
 */
export function rfc5322Date(instant: Date): string {
  const p = vietnamParts(instant);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[p.weekday]}, ${two(p.day)} ${months[p.month - 1]} ${p.year} ${two(p.hour)}:${two(p.minute)}:${two(p.second)} +0700`;
}

/**
 * RFC 2047 encoded-words (`=?UTF-8?B?…?=`) for a header value, split so
 * each word stays within 75 characters and never cuts a character in two.
 * ASCII-only printable values are returned as they are.
 */
export function encodeHeaderWords(value: string): string[] {
  const text = value.normalize('NFC');
  if (/^[\x20-\x7e]*$/.test(text) && !text.includes('=?')) return [text];
  // `=?UTF-8?B?` + `?=` is 12 characters; 42 bytes are 56 base64 characters: a 68-character
  // word, which fits on a line after `Subject: ` as well as on a continuation line.
  const maxBytes = 42;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char, 'utf8') > maxBytes) {
      words.push(`=?UTF-8?B?${Buffer.from(chunk, 'utf8').toString('base64')}?=`);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk || words.length === 0) words.push(`=?UTF-8?B?${Buffer.from(chunk, 'utf8').toString('base64')}?=`);
  return words;
}

/** `Name: value`, folded at whitespace so no line exceeds 78 characters. */
function headerLine(name: string, value: string | readonly string[]): string {
  const whole = typeof value === 'string' ? value : value.join(' ');
  if (/[\r\n]/.test(whole)) throw new MimeError(`header ${name} contains a line break`);
  // An array is already encoded (words of a display name and an address).
  const words = typeof value !== 'string' ? value : /^[\x20-\x7e]*$/.test(value) && !value.includes('=?') ? value.split(' ') : encodeHeaderWords(value);
  // ASCII words are separated by the spaces they had; encoded words by folding whitespace (ignored by readers).
  let line = `${name}:`;
  const lines: string[] = [];
  for (const word of words) {
    if (line.length + 1 + word.length > 78 && line.length > 0) {
      lines.push(line);
      line = '';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join(CRLF);
}

/**
 * Quoted-printable (RFC 2045) of UTF-8 text: line breaks become CRLF hard
 * breaks, lines are soft-wrapped at 76 characters without splitting an
 * `=XX` escape, trailing spaces and tabs are escaped.
 */
export function encodeQuotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.normalize('NFC').replace(/\r\n?/g, '\n').split('\n')) {
    const bytes = Buffer.from(line, 'utf8');
    const tokens: string[] = [];
    bytes.forEach((byte, index) => {
      const last = index === bytes.length - 1;
      const plain = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
      tokens.push(plain ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`);
    });
    // A leading "." or "From " is harmless in MIME but some relays mangle it; escape it.
    if (tokens[0] === '.') tokens[0] = '=2E';
    let current = '';
    for (const token of tokens) {
      if (current.length + token.length > 75) {
        out.push(`${current}=`);
        current = '';
      }
      current += token;
    }
    out.push(current);
  }
  return out.join(CRLF);
}

/** Decodes quoted-printable to bytes. */
export function decodeQuotedPrintable(encoded: string): Buffer {
  const unfolded = encoded.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < unfolded.length; i += 1) {
    const char = unfolded[i]!;
    const hex = unfolded.slice(i + 1, i + 3);
    if (char === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      for (const byte of Buffer.from(char, 'utf8')) bytes.push(byte);
    }
  }
  return Buffer.from(bytes);
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/**
 * Builds a message ready for SES's raw content or an `.eml` file.
 * @example buildMimeMessage({ from: 'cchc@tinh.gov.vn', to: ['a@b.vn'], subject: 'Nhắc việc', text: '…', date: now })
 */
export function buildMimeMessage(input: MimeInput): MimeMessage {
  assertAddress(input.from);
  if (input.to.length === 0) throw new MimeError('a message needs at least one recipient');
  input.to.forEach(assertAddress);
  const messageId = input.messageId ?? `<${randomUUID()}@${domainOf(input.from)}>`;
  if (!/^<[^<>\s]+@[^<>\s]+>$/.test(messageId)) throw new MimeError(`not a Message-ID: ${messageId}`);

  const from = input.fromName
    ? [...encodeHeaderWords(input.fromName.replace(/["\\]/g, '')).map((w) => (w.startsWith('=?') ? w : `"${w}"`)), `<${input.from}>`]
    : input.from;
  const lines = [
    headerLine('From', from),
    headerLine('To', input.to.join(', ')),
    headerLine('Subject', input.subject),
    headerLine('Date', rfc5322Date(input.date)),
    headerLine('Message-ID', messageId),
    'MIME-Version: 1.0',
  ];
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    assertHeaderName(name);
    lines.push(headerLine(name, value));
  }
  const textPart = ['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: quoted-printable', '', encodeQuotedPrintable(input.text)];
  if (input.html === undefined) {
    lines.push(...textPart);
  } else {
    // The boundary cannot occur in quoted-printable output ("_" and "." never start a QP line like this).
    const boundary = `=_cchc_${randomUUID().replace(/-/g, '')}`;
    const htmlPart = ['Content-Type: text/html; charset=UTF-8', 'Content-Transfer-Encoding: quoted-printable', '', encodeQuotedPrintable(input.html)];
    lines.push(
      'Content-Type: multipart/alternative;',
      ` boundary="${boundary}"`,
      '',
      'This is a multi-part message in MIME format.',
      `--${boundary}`,
      ...textPart,
      `--${boundary}`,
      ...htmlPart,
      `--${boundary}--`,
    );
  }
  return { raw: Buffer.from(lines.join(CRLF) + CRLF, 'utf8'), messageId };
}

/** What {@link readMimeMessage} gives back. */
export interface ReadMessage {
  /** Header names lower-cased, values unfolded and decoded. */
  headers: Record<string, string>;
  subject: string;
  text: string | null;
  html: string | null;
}

/** Decodes RFC 2047 encoded-words in a header value (adjacent words join without the space between them). */
export function decodeHeaderWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_all, _charset: string, encoding: string, data: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

function splitHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]/g, ' ').split(/\r\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeHeaderWords(line.slice(colon + 1).trim());
  }
  return headers;
}

function decodeBody(body: string, encoding: string | undefined): string {
  const kind = (encoding ?? '7bit').toLowerCase();
  if (kind === 'quoted-printable') return decodeQuotedPrintable(body).toString('utf8').replace(/\r\n/g, '\n');
  if (kind === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/\r\n/g, '\n');
  return body.replace(/\r\n/g, '\n');
}

/** Reads a message written by {@link buildMimeMessage}: its headers and decoded text and HTML parts. */
export function readMimeMessage(raw: Buffer | string): ReadMessage {
  const source = (typeof raw === 'string' ? raw : raw.toString('utf8')).replace(/\r?\n/g, CRLF);
  const split = source.indexOf(CRLF + CRLF);
  const headers = splitHeaders(split < 0 ? source : source.slice(0, split));
  const body = split < 0 ? '' : source.slice(split + 4);
  const result: ReadMessage = { headers, subject: headers.subject ?? '', text: null, html: null };
  const take = (partHeaders: Record<string, string>, partBody: string) => {
    const type = (partHeaders['content-type'] ?? 'text/plain').toLowerCase();
    const decoded = decodeBody(partBody, partHeaders['content-transfer-encoding']);
    if (type.startsWith('text/plain') && result.text === null) result.text = decoded;
    if (type.startsWith('text/html') && result.html === null) result.html = decoded;
  };
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (!boundary) {
    take(headers, body.replace(/\r\n$/, ''));
    return result;
  }
  const parts = body.split(`--${boundary}`);
  for (const part of parts.slice(1)) {
    if (part.startsWith('--')) break;
    const content = part.replace(/^\r\n/, '');
    const end = content.indexOf(CRLF + CRLF);
    if (end < 0) continue;
    take(splitHeaders(content.slice(0, end)), content.slice(end + 4).replace(/\r\n$/, ''));
  }
  return result;
}

/** The MIME message of an outgoing mail, from the configured sender: what every mailer sends. */
export function mimeOfMail(mail: OutgoingMail, sender: { address: string; name: string }, date: Date): MimeMessage {
  return buildMimeMessage({
    from: sender.address,
    fromName: sender.name,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html !== undefined ? { html: mail.html } : {}),
    ...(mail.headers ? { headers: mail.headers } : {}),
    date,
  });
}

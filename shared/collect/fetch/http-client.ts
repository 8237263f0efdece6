/**
 * One HTTP GET against a hostile source, with every limit the architecture
 * asks for: an overall deadline, a cap on decoded bytes, a redirect limit.
 *
 * Transport: node:http/https + node:zlib rather than the global fetch, because
 * - the global fetch is undici, and Node 20 and Node 24 (Lambda) bundle
 *   different majors of it; node:http behaves the same on both;
 * - fetch decodes Content-Encoding by itself, hiding which decoder runs;
 *   here we pick it, accept raw "deflate" from old IIS servers, and count the
 *   decoded bytes as they come out of zlib, so a gzip bomb stops at the cap;
 * - destroying the socket is explicit, so an aborted 5 MB body is not drained.
 */
import http from 'node:http';
import https from 'node:https';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { isPrivateAddress, publicOnlyLookup } from './address-policy';

/** Why a fetch failed; stable strings the collector can branch and count on. */
export type FetchErrorCode =
  | 'timeout'
  | 'too-large'
  | 'too-many-redirects'
  | 'http-status'
  | 'robots-disallowed'
  | 'network'
  | 'rate-limited'
  | 'bad-url';

/** Optional details of a {@link SourceFetchError}. */
export interface SourceFetchErrorDetails {
  httpStatus?: number;
  retryAfterMs?: number;
  /** Overrides the code's default (see {@link SourceFetchError.retryable}). */
  retryable?: boolean;
  /** The URL that failed: the hop that answered, not necessarily the one asked for. */
  url?: string;
  cause?: unknown;
}

// A retry helps when the cause is the network or the server's mood, not when
// the request itself is wrong or the source is refusing us on purpose.
const RETRYABLE_BY_DEFAULT: Record<FetchErrorCode, boolean> = {
  timeout: true,
  'too-large': false,
  'too-many-redirects': false,
  'http-status': false,
  'robots-disallowed': false,
  network: true,
  'rate-limited': true,
  'bad-url': false,
};

/** A fetch that did not produce a usable response; the message is one English line. */
export class SourceFetchError extends Error {
  /** What went wrong. */
  readonly code: FetchErrorCode;
  /** The HTTP status the server answered, when it answered. */
  readonly httpStatus?: number;
  /** How long to leave the host alone (Retry-After, or our own back-off). */
  readonly retryAfterMs?: number;
  /** Whether the same request may succeed later without any change. */
  readonly retryable: boolean;
  /** The URL that failed, when known. */
  readonly url?: string;

  constructor(code: FetchErrorCode, message: string, details: SourceFetchErrorDetails = {}) {
    // One line, whatever a library put into the text we were handed.
    super(message.replace(/\s+/g, ' ').trim(), details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SourceFetchError';
    this.code = code;
    if (details.httpStatus !== undefined) this.httpStatus = details.httpStatus;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.url !== undefined) this.url = details.url;
    this.retryable = details.retryable ?? RETRYABLE_BY_DEFAULT[code];
  }
}

/** The outcome of a successful fetch: a body, or "unchanged since your validators". */
export type FetchResult =
  | {
      kind: 'ok';
      /** The final URL after redirects. */
      url: string;
      status: number;
      /** Decoded (decompressed) bytes; the charset is the caller's business. */
      body: Uint8Array;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
      fetchedAt: Date;
    }
  | {
      kind: 'not-modified';
      url: string;
      status: 304;
      /** The server's validators, or the ones we sent when it repeated none. */
      etag: string | null;
      lastModified: string | null;
      fetchedAt: Date;
    };

/** What to fetch and how to identify ourselves. */
export interface HttpRequest {
  url: string | URL;
  /** Sent on every hop; should name us and give a contact URL. */
  userAgent: string;
  /** The Accept header; defaults to {@link DEFAULT_ACCEPT}. */
  accept?: string;
  /** Sent as If-None-Match. */
  etag?: string | null;
  /** Sent as If-Modified-Since. */
  lastModified?: string | null;
  /**
   * Runs before every request this GET sends (hop 0 is the URL asked for,
   * hop n the n-th redirect target): robots and politeness plug in here.
   * Throwing refuses that hop and fails the GET with the thrown error.
   * Its time counts against the timeout.
   */
  beforeRequest?: (url: URL, hop: number) => Promise<void> | void;
  /** Clock for fetchedAt and Retry-After dates; defaults to Date.now. */
  now?: () => number;
}

/** The limits of one GET. */
export interface HttpLimits {
  /** Deadline for the whole GET: every hop, headers and body. */
  timeoutMs: number;
  /** Cap on decoded body bytes. */
  maxBytes: number;
  /** Redirects followed before giving up. */
  maxRedirects: number;
  /** At the cap, fail (default) or keep the first maxBytes (robots.txt, RFC 9309 §2.5). */
  oversize?: 'fail' | 'truncate';
  /**
   * Whether loopback and private addresses may be fetched. Off in AWS (a
   * hostile link must not reach the metadata service or the runtime API);
   * on for the local runtime and tests, whose sites live on loopback.
   */
  allowPrivateNetworks?: boolean;
}

/** Feeds first, then pages, then anything: one client serves both stages. */
export const DEFAULT_ACCEPT =
  'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5';

/** How long we leave a host alone after a 429 that did not say (Retry-After absent). */
export const DEFAULT_429_BACKOFF_MS = 60_000;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Parses a URL we may fetch: absolute (or relative to base), http or https only. */
export function parseHttpUrl(input: string | URL, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(input, base);
  } catch (cause) {
    throw new SourceFetchError('bad-url', `not a valid URL: ${String(input).slice(0, 200)}`, { cause });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new SourceFetchError('bad-url', `only http and https are fetched, not ${url.protocol}`, { url: url.href });
  }
  return url;
}

/** Retry-After (delta-seconds or an HTTP-date) in milliseconds from nowMs; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** One GET, following redirects, within the limits; resolves to a {@link FetchResult} or rejects with a {@link SourceFetchError}. */
export async function httpGet(request: HttpRequest, limits: HttpLimits): Promise<FetchResult> {
  const now = request.now ?? Date.now;
  let url = parseHttpUrl(request.url);
  const deadline = startDeadline(limits.timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      await untilAborted(Promise.resolve(request.beforeRequest?.(url, hop)), deadline.signal);
      if (!limits.allowPrivateNetworks && isPrivateAddress(url.hostname.replace(/^\[|\]$/g, ''))) {
        throw new SourceFetchError('bad-url', `refusing to fetch the private address ${url.hostname}`, { url: url.href });
      }
      const response = await send(url, requestHeaders(request), deadline.signal, limits.allowPrivateNetworks ?? false);
      const status = response.statusCode ?? 0;
      const header = (name: string) => firstHeader(response.headers[name]);
      if (REDIRECT_STATUSES.has(status)) {
        // Never read a redirect's body: a hostile one may be endless.
        response.destroy();
        const location = header('location');
        if (!location) throw new SourceFetchError('http-status', `HTTP ${status} without a Location`, { httpStatus: status, url: url.href });
        if (hop >= limits.maxRedirects) throw new SourceFetchError('too-many-redirects', `more than ${limits.maxRedirects} redirects`, { url: url.href });
        url = parseHttpUrl(location, url);
        continue;
      }
      if (status === 304) {
        response.resume(); // a 304 has no body by definition: nothing hostile to read
        return {
          kind: 'not-modified',
          url: url.href,
          status: 304,
          etag: header('etag') ?? request.etag ?? null,
          lastModified: header('last-modified') ?? request.lastModified ?? null,
          fetchedAt: new Date(now()),
        };
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw statusError(status, header('retry-after'), url, now());
      }
      const body = await readBody(response, url, limits, deadline.signal);
      return {
        kind: 'ok',
        url: url.href,
        status,
        body,
        contentType: header('content-type') ?? null,
        etag: header('etag') ?? null,
        lastModified: header('last-modified') ?? null,
        fetchedAt: new Date(now()),
      };
    }
  } catch (error) {
    // Whatever broke once the deadline fired (socket, zlib, a hook) broke because of it.
    if (deadline.signal.aborted) throw new SourceFetchError('timeout', `timed out after ${limits.timeoutMs} ms`, { url: url.href, cause: error });
    throw asFetchError(error, url);
  } finally {
    deadline.clear();
  }
}

function requestHeaders(request: HttpRequest): http.OutgoingHttpHeaders {
  const headers: http.OutgoingHttpHeaders = {
    'user-agent': request.userAgent,
    accept: request.accept ?? DEFAULT_ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
  };
  // Sent on every hop: the validators were stored from the final URL's answer,
  // and a stable redirect (http → https) is the usual reason for a hop.
  if (request.etag) headers['if-none-match'] = request.etag;
  if (request.lastModified) headers['if-modified-since'] = request.lastModified;
  return headers;
}

function statusError(status: number, retryAfter: string | undefined, url: URL, nowMs: number): SourceFetchError {
  const retryAfterMs = parseRetryAfter(retryAfter, nowMs);
  if (status === 429) {
    return new SourceFetchError('rate-limited', `HTTP 429`, {
      httpStatus: status,
      retryAfterMs: retryAfterMs ?? DEFAULT_429_BACKOFF_MS,
      url: url.href,
    });
  }
  // 5xx and 408 are the server's trouble of the moment; other 4xx are about the URL.
  const retryable = status >= 500 || status === 408;
  return new SourceFetchError('http-status', `HTTP ${status}`, {
    httpStatus: status,
    retryable,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    url: url.href,
  });
}

function asFetchError(error: unknown, url: URL): SourceFetchError {
  if (error instanceof SourceFetchError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new SourceFetchError('network', `network error: ${detail}`, { url: url.href, cause: error });
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

interface Deadline {
  signal: AbortSignal;
  clear(): void;
}

function startDeadline(timeoutMs: number): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), Math.max(0, timeoutMs));
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

// A hook that sleeps (politeness) or fetches robots.txt must not outlive the deadline.
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

// No keep-alive: requests to one host are a second or more apart (and mostly
// one per poll), so a pooled socket saves little, while one that idled through
// a frozen Lambda comes back dead and fails the next fetch with ECONNRESET.
const HTTP_AGENT = new http.Agent({ keepAlive: false });
const HTTPS_AGENT = new https.Agent({ keepAlive: false });

function send(url: URL, headers: http.OutgoingHttpHeaders, signal: AbortSignal, allowPrivate: boolean): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const secure = url.protocol === 'https:';
    const transport = secure ? https : http;
    // The signal destroys the request, and with it the response, when the deadline fires.
    const req = transport.request(
      url,
      { method: 'GET', headers, signal, agent: secure ? HTTPS_AGENT : HTTP_AGENT, ...(allowPrivate ? {} : { lookup: publicOnlyLookup }) },
      resolve,
    );
    req.on('error', reject);
    req.end();
  });
}

class Truncated extends Error {}

async function readBody(response: http.IncomingMessage, url: URL, limits: HttpLimits, signal: AbortSignal): Promise<Uint8Array> {
  const truncate = limits.oversize === 'truncate';
  const tooLarge = () => new SourceFetchError('too-large', `response larger than ${limits.maxBytes} bytes`, { url: url.href });
  const encodings = contentEncodings(firstHeader(response.headers['content-encoding']));
  const declared = Number(response.headers['content-length']);
  // An honest Content-Length over the cap needs no reading at all.
  if (!truncate && encodings.length === 0 && declared > limits.maxBytes) {
    response.destroy();
    throw tooLarge();
  }
  const decoders = [...encodings].reverse().map(createDecoder);
  const chunks: Buffer[] = [];
  let total = 0;
  // The cap is checked on each decoded chunk as zlib produces it; an error
  // here makes pipeline destroy the decoders and the socket at once.
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      const room = limits.maxBytes - total;
      if (chunk.length <= room) {
        chunks.push(chunk);
        total += chunk.length;
        return done();
      }
      if (!truncate) return done(tooLarge());
      chunks.push(chunk.subarray(0, room));
      total += room;
      done(new Truncated());
    },
  });
  try {
    await pipeline([response, ...decoders, sink], { signal });
  } catch (error) {
    if (error instanceof Truncated) return Buffer.concat(chunks, total);
    if (!isDecodeError(error)) throw error;
    // A body that does not decode will not decode next time either.
    throw new SourceFetchError('network', `could not decode ${encodings.join(', ')} body: ${error.message}`, {
      retryable: false,
      url: url.href,
      cause: error,
    });
  }
  return Buffer.concat(chunks, total);
}

// pipeline rejects with the first error; zlib's own carry Z_* codes, brotli's ERR__ERROR_*.
function isDecodeError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && (code.startsWith('Z_') || code.startsWith('ERR__ERROR'));
}

function contentEncodings(header: string | undefined): string[] {
  const encodings = (header ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter((token) => token !== '' && token !== 'identity');
  for (const encoding of encodings) {
    if (!['gzip', 'x-gzip', 'deflate', 'br'].includes(encoding)) {
      throw new SourceFetchError('network', `unsupported Content-Encoding ${encoding}`, { retryable: false });
    }
  }
  return encodings;
}

// Browsers tolerate a compressed body cut short at the end; so do we, rather
// than losing a feed to a server that closes the connection a little early.
const GZIP_OPTIONS = { finishFlush: zlib.constants.Z_SYNC_FLUSH };

function createDecoder(encoding: string): Transform {
  if (encoding === 'br') return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
  if (encoding === 'deflate') return new InflateEither();
  return zlib.createGunzip(GZIP_OPTIONS);
}

/**
 * "deflate" is zlib-wrapped by the standard, but some servers send raw
 * deflate; the first byte tells which (a zlib header's low nibble is 8).
 */
class InflateEither extends Transform {
  private inner: zlib.Inflate | zlib.InflateRaw | undefined;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.inner) {
      if (chunk.length === 0) return done();
      const zlibWrapped = (chunk[0]! & 0x0f) === 0x08 && ((chunk[0]! << 8) | (chunk[1] ?? 0)) % 31 === 0;
      const inner = zlibWrapped ? zlib.createInflate(GZIP_OPTIONS) : zlib.createInflateRaw(GZIP_OPTIONS);
      // Respect our reader: pause the inflater while our own buffer is full.
      inner.on('data', (data: Buffer) => {
        if (!this.push(data)) inner.pause();
      });
      inner.on('error', (error) => this.destroy(error));
      this.inner = inner;
    }
    this.inner.write(chunk, () => done());
  }

  override _read(size: number): void {
    this.inner?.resume();
    super._read(size);
  }

  override _flush(done: TransformCallback): void {
    if (!this.inner) return done();
    this.inner.once('end', () => done());
    this.inner.end();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.inner?.destroy();
    done(error);
  }
}

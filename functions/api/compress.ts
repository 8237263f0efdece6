import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { gzipSync } from 'node:zlib';
import type { Result } from './http';

/** Smaller bodies go as they are: gzip's own bytes and the base64 step would eat the gain. */
const MIN_BYTES = 1024;

/** Text worth compressing; images, spreadsheets and other binaries are compressed already or go as base64. */
const COMPRESSIBLE = /^(text\/|application\/(json|xml|javascript)|image\/svg\+xml)/i;

/**
 * Gzips a text response when the browser accepts it. API Gateway's HTTP API
 * does not compress, and the desks' pages are tens of kilobytes of HTML that
 * shrink five- to tenfold: editors on a slow office line get their queue
 * sooner, and the month's data transfer (README: Cost) drops with it.
 * `vary: accept-encoding` keeps any cache from handing the gzip to a client
 * that did not ask for it.
 */
export function compressed(event: Pick<APIGatewayProxyEventV2, 'headers'>, result: Result): Result {
  if (result.isBase64Encoded || typeof result.body !== 'string') return result;
  // API Gateway's HTTP API (payload 2.0) and the local adapter give header names in lower case.
  if (!acceptsGzip(event.headers?.['accept-encoding'] ?? '')) return result;
  if (!COMPRESSIBLE.test(String(result.headers?.['content-type'] ?? ''))) return result;
  const raw = Buffer.from(result.body, 'utf8');
  if (raw.length < MIN_BYTES) return result;
  const vary = result.headers?.vary ? `${result.headers.vary}, accept-encoding` : 'accept-encoding';
  return {
    ...result,
    headers: { ...result.headers, 'content-encoding': 'gzip', vary },
    body: gzipSync(raw).toString('base64'),
    isBase64Encoded: true,
  };
}

/** `gzip` listed without `q=0` (RFC 9110 §12.5.3). */
function acceptsGzip(header: string): boolean {
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

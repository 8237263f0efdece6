/**
 * The api function's HTTP plumbing: responses with security headers, and
 * request bodies read with a size cap.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { ZodType } from 'zod';

export type Result = APIGatewayProxyStructuredResultV2;

/**
 * Forms and JSON bodies of this API are small; anything larger is refused
 * before parsing. The largest is a direct submission's text (50,000
 * characters of Vietnamese: up to ~450 KB url-encoded); files never come
 * here (they go straight to S3).
 */
const MAX_BODY_BYTES = 1024 * 1024;

const SECURITY_HEADERS = {
  // Pages work without script; styles are inline in the layout.
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000',
};

/** A request the client must fix: the status and the message it is told. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: number,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** An HTML page (never cached: pages show the signed-in user's data). */
export const page = (status: number, body: string, cookies?: string[]): Result => ({
  statusCode: status,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS },
  body,
  ...(cookies?.length ? { cookies } : {}),
});

/** A JSON answer. */
export const json = (status: number, body: unknown, cookies?: string[]): Result => ({
  statusCode: status,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...SECURITY_HEADERS },
  body: JSON.stringify(body),
  ...(cookies?.length ? { cookies } : {}),
});

/** A file to download (CSV). */
export const download = (body: string, contentType: string, filename: string): Result => ({
  statusCode: 200,
  headers: {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
    'cache-control': 'no-store',
    ...SECURITY_HEADERS,
  },
  body,
});

/** "See other": after a form post, and to the sign-in page. */
export const redirect = (location: string, cookies?: string[]): Result => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store', ...SECURITY_HEADERS },
  body: '',
  ...(cookies?.length ? { cookies } : {}),
});

/** The raw body of a request, capped. @throws HttpError 413 */
export function bodyText(event: APIGatewayProxyEventV2): string {
  if (!event.body) return '';
  const bytes = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (bytes.length > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
  return bytes.toString('utf8');
}

/** A url-encoded form as a multi-map. */
export function formOf(event: APIGatewayProxyEventV2): URLSearchParams {
  return new URLSearchParams(bodyText(event));
}

/**
 * A JSON body validated with zod.
 * @throws HttpError 400 naming the field at fault.
 */
export function jsonBody<T>(event: APIGatewayProxyEventV2, schema: ZodType<T>): T {
  let raw: unknown;
  try {
    raw = JSON.parse(bodyText(event) || 'null');
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
  return validate(schema, raw, 'body');
}

/**
 * Validates input with zod.
 * @throws HttpError 400 whose message names the field and the problem.
 */
export function validate<T>(schema: ZodType<T>, raw: unknown, what: string): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? `${what}.${issue.path.join('.')}` : what;
  throw new HttpError(400, `${field}: ${issue.message}`);
}

/** The query string as a plain record (repeated names joined by commas, as API Gateway does). */
export function queryOf(event: APIGatewayProxyEventV2): Record<string, string> {
  return { ...(event.queryStringParameters ?? {}) } as Record<string, string>;
}

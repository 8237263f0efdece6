import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** The most a request body may carry locally (API Gateway's own limit is 10 MB). */
const MAX_BODY_BYTES = 1_048_576;

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** Turns a Node request into the API Gateway HTTP API (payload 2.0) event Lambda would get. */
export async function toApiGatewayEvent(request: IncomingMessage): Promise<APIGatewayProxyEventV2> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const body = await readBody(request);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const cookies = request.headers.cookie?.split(/;\s*/).filter(Boolean);
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = query[name] ? `${query[name]},${value}` : value;
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(cookies?.length ? { cookies } : {}),
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: `local-${now}-${Math.random().toString(36).slice(2, 8)}`,
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    body: body.length ? body.toString('base64') : undefined,
    isBase64Encoded: body.length > 0,
  } as APIGatewayProxyEventV2;
}

/** An HTTP server in front of the api handler, as API Gateway is in AWS. */
export function startApiServer(
  handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>,
  options: { port: number; host?: string },
): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const server = createServer(async (request, response) => {
    try {
      const result = await handler(await toApiGatewayEvent(request));
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
      if (result.cookies?.length) headers['set-cookie'] = result.cookies;
      response.writeHead(result.statusCode ?? 200, headers);
      response.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`internal error: ${(error as Error).message}`);
    }
  });
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      resolve({
        server,
        url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}`,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

type EventHandler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * A route of {@link routeByPrefix}: a path prefix (`/exports/{proxy+}`), or
 * one exact path with one method (`POST /api/v1/sources/test`).
 */
export type PrefixRoute = { prefix: string; handler: EventHandler } | { method: string; path: string; handler: EventHandler };

/**
 * One handler out of several by path prefix, as API Gateway's routes are in
 * AWS (`/exports/{proxy+}` → the exports function, `POST
 * /api/v1/sources/test` → the source-preview function, `$default` → the api
 * function): the first route that matches wins, else the fallback.
 */
export function routeByPrefix(routes: readonly PrefixRoute[], fallback: EventHandler): EventHandler {
  return (event) => {
    const path = event.rawPath || '/';
    const route = routes.find((candidate) => ('prefix' in candidate ? path.startsWith(candidate.prefix) : path === candidate.path && event.requestContext.http.method === candidate.method));
    return (route?.handler ?? fallback)(event);
  };
}

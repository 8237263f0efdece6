/**
 * Serves the demo agency websites on loopback, one `node:http` server per
 * site: conditional GET (ETag, Last-Modified → 304), gzip when asked, HEAD,
 * robots.txt. With `ports: 'fixed'` each site listens on its port 41NN (the
 * URLs of config/demo.json); with `'auto'` on a free port, and
 * `rewriteUrl`/`rewriteConfig` map the fixed URLs to the actual origins.
 *
 * @example
 * const demo = await startDemoSites({ ports: 'auto', now: () => new Date('2026-11-23T01:30:00Z') });
 * const config = demo.rewriteConfig(parseConfig(await readJsonFile('config/demo.json')));
 * // … fetch config.sources[0].url …
 * await demo.close();
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { renderSitePage } from './render/site';
import { DEMO_HOST, DEMO_SITES, fixedSourceUrl } from './sites';
import type { BrokenMode, DemoSite } from './types';

export interface StartDemoSitesOptions {
  /** The clock; called on every request. Default: the real time. */
  now?: () => Date;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** `fixed` (default): ports 4101…; `auto`: free ports, for tests running in parallel. */
  ports?: 'fixed' | 'auto';
}

/** One running demo site. */
export interface RunningDemoSite {
  id: string;
  /** e.g. `http://127.0.0.1:4101` (fixed) or `http://127.0.0.1:39245` (auto). */
  origin: string;
  agencyId: string;
  kind: DemoSite['source']['kind'];
  /** The source URL at the actual origin. */
  sourceUrl: string;
  /** Set on the sites that fail on purpose. */
  broken?: BrokenMode['mode'];
}

export interface DemoSites {
  sites: RunningDemoSite[];
  /** Maps a fixed-port demo URL (`http://127.0.0.1:41NN/…`) to the actual origin; other URLs unchanged. */
  rewriteUrl(url: string): string;
  /** A copy of a configuration with every source URL passed through {@link rewriteUrl}. */
  rewriteConfig<T extends { sources: { url: string }[] }>(config: T): T;
  /** Stops every server and destroys keep-alive sockets. */
  close(): Promise<void>;
}

/** A weak validator: the same for gzip and identity bodies. */
function etagOf(body: Buffer): string {
  return `W/"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (coding === 'gzip' || coding === 'x-gzip') && (!q || Number(q.slice(2)) > 0);
  });
}

function isNotModified(request: IncomingMessage, etag: string, lastModified: Date | undefined): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch) {
    const weak = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch === '*' || ifNoneMatch.split(',').some((tag) => weak(tag) === weak(etag));
  }
  const ifModifiedSince = request.headers['if-modified-since'];
  if (ifModifiedSince && lastModified) {
    const since = Date.parse(ifModifiedSince);
    return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
  }
  return false;
}

function handle(site: DemoSite, origin: () => string, now: () => Date, request: IncomingMessage, response: ServerResponse): void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }).end('Method Not Allowed\n');
    return;
  }
  const page = renderSitePage(site, request.url ?? '/', { now: now(), origin: origin() });
  const headers: Record<string, string> = {
    'Content-Type': page.contentType,
    Server: 'cchc-demo',
    'Cache-Control': 'no-cache',
    Vary: 'Accept-Encoding',
    ...page.headers,
  };
  if (page.status !== 200) {
    response.writeHead(page.status, { ...headers, 'Content-Length': String(page.body.length) });
    response.end(request.method === 'HEAD' ? undefined : page.body);
    return;
  }
  const etag = etagOf(page.body);
  headers.ETag = etag;
  if (page.lastModified) headers['Last-Modified'] = page.lastModified.toUTCString();
  if (isNotModified(request, etag, page.lastModified)) {
    delete headers['Content-Type'];
    response.writeHead(304, headers).end();
    return;
  }
  let body = page.body;
  if (acceptsGzip(request.headers['accept-encoding'])) {
    body = gzipSync(body);
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = String(body.length);
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`demo sites: port ${host}:${port} is already in use (is another demo or cchc runtime running?)`, { cause: error })
          : error,
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Starts every demo site. Rejects (after closing what started) when a fixed port is taken. */
export async function startDemoSites(options: StartDemoSitesOptions = {}): Promise<DemoSites> {
  const now = options.now ?? (() => new Date());
  const host = options.host ?? DEMO_HOST;
  const urlHost = host === '0.0.0.0' || host === '::' ? DEMO_HOST : host.includes(':') ? `[${host}]` : host;
  const servers: Server[] = [];
  const running: RunningDemoSite[] = [];
  const originByFixedPort = new Map<number, string>();

  try {
    for (const site of DEMO_SITES) {
      let origin = '';
      const server = createServer((request, response) => {
        try {
          handle(site, () => origin, now, request, response);
        } catch (error) {
          response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(`demo site error: ${(error as Error).message}\n`);
        }
      });
      server.keepAliveTimeout = 2_000;
      servers.push(server);
      const port = await listen(server, options.ports === 'auto' ? 0 : site.port, host);
      origin = `http://${urlHost}:${port}`;
      originByFixedPort.set(site.port, origin);
      running.push({
        id: site.id,
        origin,
        agencyId: site.agencyId,
        kind: site.source.kind,
        sourceUrl: `${origin}${site.source.path}`,
        ...(site.broken ? { broken: site.broken.mode } : {}),
      });
    }
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    throw error;
  }

  const rewriteUrl = (url: string): string => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return url;
    }
    const local = parsed.hostname === DEMO_HOST || parsed.hostname === 'localhost';
    const origin = local && parsed.protocol === 'http:' ? originByFixedPort.get(Number(parsed.port)) : undefined;
    return origin ? `${origin}${parsed.pathname}${parsed.search}${parsed.hash}` : url;
  };

  let closing: Promise<void> | undefined;
  return {
    sites: running,
    rewriteUrl,
    rewriteConfig: <T extends { sources: { url: string }[] }>(config: T): T => ({
      ...config,
      sources: config.sources.map((source) => ({ ...source, url: rewriteUrl(source.url) })),
    }),
    close: () => (closing ??= Promise.all(servers.map(closeServer)).then(() => undefined)),
  };
}

/** The fixed port of the first demo site: open when the demo sites already run (e.g. under `npm start`). */
export const DEMO_FIRST_PORT: number = DEMO_SITES[0]!.port;

export { DEMO_SITES, fixedSourceUrl };

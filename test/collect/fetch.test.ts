import { afterEach, describe, expect, it } from 'vitest';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { createFetcher, type FetcherOptions } from '../../shared/collect/fetch/fetcher';
import { httpGet, SourceFetchError } from '../../shared/collect/fetch/http-client';

// Real HTTP servers on loopback, port 0; every test states one behaviour of
// the fetcher as a collector would see it.

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface Hit {
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Real time the request arrived, ms. */
  at: number;
  /** The fake clock's time when it arrived (see fakeClock). */
  virtualAt: number;
}

interface TestServer {
  origin: string;
  host: string;
  hits: Hit[];
  pageHits(): Hit[];
}

const servers: http.Server[] = [];
let virtualNow = () => 0;

afterEach(async () => {
  virtualNow = () => 0;
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

/** Starts a server on address (127.0.0.1 by default) and port 0; unrouted paths answer 404. */
async function serve(routes: Record<string, Handler>, address = '127.0.0.1'): Promise<TestServer> {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push({ path, headers: req.headers, at: performance.now(), virtualAt: virtualNow() });
    const handler = routes[path.split('?')[0]!];
    if (handler) return handler(req, res);
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://${address}:${port}`,
    host: `${address}:${port}`,
    hits,
    pageHits: () => hits.filter((hit) => hit.path !== '/robots.txt'),
  };
}

const text = (body: string | Buffer, headers: http.OutgoingHttpHeaders = {}): Handler => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', ...headers }).end(body);
};

const FEED = '<rss version="2.0"><channel><title>Tin tức cải cách hành chính</title></channel></rss>';
const CONTACT = 'https://cchc.example.vn/bot';

function fetcherFor(options: Partial<FetcherOptions> = {}) {
  return createFetcher({ contactUrl: CONTACT, perHostGapMs: 0, allowPrivateNetworks: true, ...options });
}

/** A clock that only moves when slept on; the server records it per hit. */
function fakeClock(start = Date.UTC(2025, 3, 1)) {
  let t = start;
  const clock = { now: () => t, sleep: async (ms: number) => void (t += ms) };
  virtualNow = clock.now;
  return clock;
}

async function failure(promise: Promise<unknown>): Promise<SourceFetchError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SourceFetchError);
  return error as SourceFetchError;
}

const decode = (body: Uint8Array) => new TextDecoder().decode(body);

describe('decoding', () => {
  it('decodes gzip, br, zlib deflate and raw deflate bodies and asks for all three encodings', async () => {
    const server = await serve({
      '/gzip': text(zlib.gzipSync(FEED), { 'content-encoding': 'gzip' }),
      '/br': text(zlib.brotliCompressSync(FEED), { 'content-encoding': 'br' }),
      '/deflate': text(zlib.deflateSync(FEED), { 'content-encoding': 'deflate' }),
      '/raw-deflate': text(zlib.deflateRawSync(FEED), { 'content-encoding': 'deflate' }),
    });
    const fetcher = fetcherFor();
    for (const path of ['/gzip', '/br', '/deflate', '/raw-deflate']) {
      const result = await fetcher.fetch({ url: server.origin + path });
      expect(result.kind, path).toBe('ok');
      if (result.kind === 'ok') {
        expect(decode(result.body), path).toBe(FEED);
        expect(result.contentType).toBe('application/rss+xml; charset=utf-8');
      }
    }
    expect(server.pageHits().every((hit) => hit.headers['accept-encoding'] === 'gzip, deflate, br')).toBe(true);
  });

  it('fails a body whose Content-Encoding does not decode as a non-retryable network error', async () => {
    const server = await serve({ '/broken': text('this is not gzip at all', { 'content-encoding': 'gzip' }) });
    const error = await failure(fetcherFor().fetch({ url: `${server.origin}/broken` }));
    expect(error.code).toBe('network');
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/^could not decode gzip body/);
  });
});

describe('identification', () => {
  it('sends a User-Agent with our robots token and the contact URL, and the Accept asked for', async () => {
    const server = await serve({ '/feed': text(FEED) });
    await fetcherFor().fetch({ url: `${server.origin}/feed`, accept: 'application/rss+xml' });
    const [robots, page] = server.hits;
    expect(robots?.path).toBe('/robots.txt');
    expect(page?.headers['user-agent']).toBe(`cchc-pipeline/0.1 (+${CONTACT})`);
    expect(robots?.headers['user-agent']).toContain(CONTACT);
    expect(page?.headers.accept).toBe('application/rss+xml');
  });
});

describe('conditional GET', () => {
  it('sends the stored validators and reports not-modified when the server answers 304 to them', async () => {
    const etag = '"v42"';
    const lastModified = 'Tue, 01 Apr 2025 01:00:00 GMT';
    const server = await serve({
      '/feed': (req, res) => {
        if (req.headers['if-none-match'] === etag || req.headers['if-modified-since'] === lastModified) {
          return res.writeHead(304, { etag }).end();
        }
        text(FEED, { etag, 'last-modified': lastModified })(req, res);
      },
    });
    const fetcher = fetcherFor();
    const first = await fetcher.fetch({ url: `${server.origin}/feed` });
    expect(first).toMatchObject({ kind: 'ok', etag, lastModified });
    const second = await fetcher.fetch({ url: `${server.origin}/feed`, etag: first.etag, lastModified: first.lastModified });
    expect(second).toMatchObject({ kind: 'not-modified', status: 304, etag, lastModified });
    const conditional = server.pageHits()[1]!;
    expect(conditional.headers['if-none-match']).toBe(etag);
    expect(conditional.headers['if-modified-since']).toBe(lastModified);
    expect(server.pageHits()[0]!.headers['if-none-match']).toBeUndefined();
    expect(fetcher.stats().notModified).toBe(1);
  });
});

describe('timeouts', () => {
  it('times out a server that sends headers and then never finishes the body', async () => {
    const server = await serve({
      '/hang': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.write('<html><body>'); // and nothing more, ever
      },
    });
    const started = performance.now();
    const error = await failure(fetcherFor({ timeoutMs: 300 }).fetch({ url: `${server.origin}/hang` }));
    const elapsed = performance.now() - started;
    expect(error.code).toBe('timeout');
    expect(error.message).toBe('timed out after 300 ms');
    expect(error.retryable).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(1500);
  });

  it('times out a body trickled a byte at a time, however alive the socket looks', async () => {
    const timers: NodeJS.Timeout[] = [];
    const server = await serve({
      '/trickle': (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        timers.push(setInterval(() => res.write('.'), 50));
      },
    });
    try {
      const started = performance.now();
      const error = await failure(fetcherFor({ timeoutMs: 300 }).fetch({ url: `${server.origin}/trickle` }));
      expect(error.code).toBe('timeout');
      expect(performance.now() - started).toBeLessThan(1500);
    } finally {
      timers.forEach(clearInterval);
    }
  });

  it('times out a server that accepts the request and never answers', async () => {
    const server = await serve({ '/silent': () => undefined });
    const error = await failure(fetcherFor({ timeoutMs: 300 }).fetch({ url: `${server.origin}/silent` }));
    expect(error.code).toBe('timeout');
  });
});

describe('size cap', () => {
  const FIVE_MB = 5 * 1024 * 1024;

  it('aborts a 5 MB stream of garbage as soon as the cap is passed, without reading the rest', async () => {
    let written = 0;
    let finished = false;
    let closed = false;
    const server = await serve({
      '/garbage': (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/octet-stream' }); // chunked: no length to trust
        res.on('close', () => (closed = true));
        // 64 KiB every 5 ms: the whole 5 MB would take about 400 ms.
        const push = () => {
          if (res.destroyed) return;
          if (written >= FIVE_MB) return void res.end(() => (finished = true));
          written += 64 * 1024;
          res.write(randomBytes(64 * 1024), () => setTimeout(push, 5));
        };
        push();
      },
    });
    const started = performance.now();
    const error = await failure(fetcherFor({ maxBytes: 256 * 1024 }).fetch({ url: `${server.origin}/garbage` }));
    const elapsed = performance.now() - started;
    expect(error.code).toBe('too-large');
    expect(error.message).toBe('response larger than 262144 bytes');
    expect(error.retryable).toBe(false);
    expect(elapsed).toBeLessThan(300);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(true);
    expect(finished).toBe(false);
    expect(written).toBeLessThan(FIVE_MB / 2);
  });

  it('refuses a 5 MB body whose Content-Length already says so, without waiting for a byte of it', async () => {
    const server = await serve({
      // Headers promise 5 MB; the body never comes, so only a fetcher that trusts the length answers quickly.
      '/big': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html', 'content-length': FIVE_MB }).flushHeaders(),
    });
    const started = performance.now();
    const error = await failure(fetcherFor({ maxBytes: 1024 * 1024, timeoutMs: 2000 }).fetch({ url: `${server.origin}/big` }));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe('response larger than 1048576 bytes');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('counts the cap on decoded bytes, so a small gzip bomb is refused too', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024)); // about 64 KB on the wire
    const server = await serve({ '/bomb': text(bomb, { 'content-encoding': 'gzip' }) });
    const before = process.memoryUsage().rss;
    const error = await failure(fetcherFor({ maxBytes: 1024 * 1024 }).fetch({ url: `${server.origin}/bomb` }));
    expect(error.code).toBe('too-large');
    expect(process.memoryUsage().rss - before).toBeLessThan(48 * 1024 * 1024);
  });

  it('lets a body of exactly the cap through', async () => {
    const body = randomBytes(100_000);
    const server = await serve({ '/exact': text(body) });
    const result = await fetcherFor({ maxBytes: 100_000 }).fetch({ url: `${server.origin}/exact` });
    expect(result.kind === 'ok' && Buffer.from(result.body).equals(body)).toBe(true);
  });
});

describe('redirects', () => {
  const redirect = (location: string, status = 302): Handler => (_req, res) => res.writeHead(status, { location }).end();

  it('fails a redirect loop with too-many-redirects after following maxRedirects hops', async () => {
    const server = await serve({ '/a': redirect('/b'), '/b': redirect('/a') });
    const error = await failure(fetcherFor({ maxRedirects: 5 }).fetch({ url: `${server.origin}/a` }));
    expect(error.code).toBe('too-many-redirects');
    expect(error.message).toBe('more than 5 redirects');
    expect(server.pageHits()).toHaveLength(6);
  });

  it('follows a relative Location and reports the final URL', async () => {
    const server = await serve({ '/tin-tuc/cu': redirect('../rss/moi.xml?trang=1', 301), '/rss/moi.xml': text(FEED) });
    const result = await fetcherFor().fetch({ url: `${server.origin}/tin-tuc/cu` });
    expect(result).toMatchObject({ kind: 'ok', url: `${server.origin}/rss/moi.xml?trang=1` });
  });

  it('follows a redirect to another host and checks that host’s robots.txt first', async () => {
    const target = await serve({ '/robots.txt': text('User-agent: *\nDisallow:\n', { 'content-type': 'text/plain' }), '/feed': text(FEED) });
    const origin = await serve({ '/feed': redirect(`${target.origin}/feed`, 308) });
    const result = await fetcherFor().fetch({ url: `${origin.origin}/feed` });
    expect(result.url).toBe(`${target.origin}/feed`);
    expect(target.hits.map((hit) => hit.path)).toEqual(['/robots.txt', '/feed']);
  });

  it('refuses a redirect into a path the target’s robots.txt disallows', async () => {
    const server = await serve({
      '/robots.txt': text('User-agent: cchc-pipeline\nDisallow: /private/\n', { 'content-type': 'text/plain' }),
      '/open': redirect('/private/feed'),
    });
    const error = await failure(fetcherFor().fetch({ url: `${server.origin}/open` }));
    expect(error.code).toBe('robots-disallowed');
    expect(server.pageHits().map((hit) => hit.path)).toEqual(['/open']);
  });

  it('refuses a redirect to a scheme other than http and https', async () => {
    const server = await serve({ '/feed': redirect('file:///etc/passwd') });
    const error = await failure(fetcherFor().fetch({ url: `${server.origin}/feed` }));
    expect(error.code).toBe('bad-url');
  });

  it('refuses a URL that is not http(s) without any request', async () => {
    expect((await failure(fetcherFor().fetch({ url: 'ftp://127.0.0.1/feed' }))).code).toBe('bad-url');
    expect((await failure(fetcherFor().fetch({ url: 'not a url' }))).code).toBe('bad-url');
  });
});

describe('robots.txt', () => {
  it('refuses a disallowed path and fetches robots.txt once for several fetches of the host', async () => {
    const server = await serve({
      '/robots.txt': text('User-agent: *\nDisallow: /\n\nUser-agent: cchc-pipeline\nDisallow: /admin\n', { 'content-type': 'text/plain' }),
      '/feed': text(FEED),
      '/news': text(FEED),
    });
    const fetcher = fetcherFor();
    await fetcher.fetch({ url: `${server.origin}/feed` });
    await fetcher.fetch({ url: `${server.origin}/news` });
    const error = await failure(fetcher.fetch({ url: `${server.origin}/admin/feed` }));
    expect(error.code).toBe('robots-disallowed');
    expect(error.retryable).toBe(false);
    expect(server.hits.filter((hit) => hit.path === '/robots.txt')).toHaveLength(1);
    expect(server.hits.some((hit) => hit.path === '/admin/feed')).toBe(false);
    expect(fetcher.stats()).toMatchObject({ robotsFetches: 1, requests: 3 });
  });

  it('allows everything when robots.txt is missing (404)', async () => {
    const server = await serve({ '/feed': text(FEED) });
    await expect(fetcherFor().fetch({ url: `${server.origin}/feed` })).resolves.toMatchObject({ kind: 'ok' });
  });

  it('refuses the host, retryably, while its robots.txt answers 5xx', async () => {
    const server = await serve({ '/robots.txt': (_req, res) => res.writeHead(503).end(), '/feed': text(FEED) });
    const error = await failure(fetcherFor().fetch({ url: `${server.origin}/feed` }));
    expect(error.code).toBe('robots-disallowed');
    expect(error.retryable).toBe(true);
    expect(server.pageHits()).toHaveLength(0);
  });

  it('hands its robots cache to a later fetcher, which then does not fetch robots.txt again', async () => {
    const server = await serve({ '/robots.txt': text('User-agent: *\nDisallow: /x\n', { 'content-type': 'text/plain' }), '/feed': text(FEED) });
    const first = fetcherFor();
    await first.fetch({ url: `${server.origin}/feed` });
    const second = fetcherFor({ robotsEntries: JSON.parse(JSON.stringify(first.robotsSnapshot())) });
    await second.fetch({ url: `${server.origin}/feed` });
    expect((await failure(second.fetch({ url: `${server.origin}/x` }))).code).toBe('robots-disallowed');
    expect(second.stats().robotsFetches).toBe(0);
    expect(server.hits.filter((hit) => hit.path === '/robots.txt')).toHaveLength(1);
  });
});

describe('HTTP status', () => {
  it('fails 404 as a non-retryable http-status and 500 as a retryable one', async () => {
    const server = await serve({ '/boom': (_req, res) => res.writeHead(500).end('oops') });
    const fetcher = fetcherFor();
    const missing = await failure(fetcher.fetch({ url: `${server.origin}/missing` }));
    expect(missing).toMatchObject({ code: 'http-status', httpStatus: 404, retryable: false, message: 'HTTP 404' });
    const broken = await failure(fetcher.fetch({ url: `${server.origin}/boom` }));
    expect(broken).toMatchObject({ code: 'http-status', httpStatus: 500, retryable: true, message: 'HTTP 500' });
    expect(fetcher.stats().errors).toEqual({ 'http-status': 2 });
  });

  it('honours 429 Retry-After: rate-limited with retryAfterMs, and the host is left alone until then', async () => {
    const clock = fakeClock();
    let limited = true;
    const server = await serve({
      '/feed': (req, res) => {
        if (limited) return void res.writeHead(429, { 'retry-after': '120' }).end();
        text(FEED)(req, res);
      },
    });
    const fetcher = fetcherFor({ ...clock, perHostGapMs: 1000 });
    const t0 = clock.now();
    const error = await failure(fetcher.fetch({ url: `${server.origin}/feed` }));
    expect(error).toMatchObject({ code: 'rate-limited', httpStatus: 429, retryAfterMs: 120_000, retryable: true });
    limited = false;

    // A caller that cannot wait two minutes is told so, and the host hears nothing.
    const impatient = await failure(fetcher.fetch({ url: `${server.origin}/feed`, deadline: clock.now() + 10_000 }));
    expect(impatient.code).toBe('rate-limited');
    expect(impatient.retryAfterMs).toBeGreaterThan(110_000);
    expect(server.pageHits()).toHaveLength(1);

    // One that can wait is held back until the Retry-After has passed.
    await expect(fetcher.fetch({ url: `${server.origin}/feed` })).resolves.toMatchObject({ kind: 'ok' });
    const [limitedHit, laterHit] = server.pageHits();
    expect(laterHit!.virtualAt - limitedHit!.virtualAt).toBeGreaterThanOrEqual(120_000);
    expect(laterHit!.virtualAt - t0).toBeGreaterThanOrEqual(120_000);
  });

  it('honours a 503 Retry-After given as an HTTP date', async () => {
    const clock = fakeClock();
    const server = await serve({
      '/feed': (_req, res) => res.writeHead(503, { 'retry-after': new Date(clock.now() + 30_000).toUTCString() }).end(),
    });
    const fetcher = fetcherFor(clock);
    const error = await failure(fetcher.fetch({ url: `${server.origin}/feed` }));
    expect(error).toMatchObject({ code: 'http-status', httpStatus: 503, retryable: true, retryAfterMs: 30_000 });
    const refused = await failure(fetcher.fetch({ url: `${server.origin}/feed`, deadline: clock.now() + 5_000 }));
    expect(refused.code).toBe('rate-limited');
    expect(server.pageHits()).toHaveLength(1);
  });
});

describe('politeness', () => {
  const slow = (ms: number): Handler => (req, res) => void setTimeout(() => text(FEED)(req, res), ms);

  it('serialises requests to one host at least the gap apart, while two hosts proceed in parallel', async () => {
    const gap = 300;
    let inFlight = 0;
    let maxInFlight = 0;
    const tracked: Handler = (req, res) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      res.on('close', () => inFlight--);
      slow(50)(req, res);
    };
    const one = await serve({ '/a': tracked, '/b': tracked });
    const two = await serve({ '/a': slow(50) });
    const fetcher = fetcherFor({ perHostGapMs: gap });
    await Promise.all([
      fetcher.fetch({ url: `${one.origin}/a` }),
      fetcher.fetch({ url: `${one.origin}/b` }),
      fetcher.fetch({ url: `${two.origin}/a` }),
    ]);
    // The gap is kept between request starts in the client; arrivals at the
    // server differ from those by connection set-up, hence the slack.
    const slack = 40;
    const [robotsOne, a, b] = one.hits;
    expect(a!.at - robotsOne!.at).toBeGreaterThanOrEqual(gap - slack);
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(gap - slack);
    expect(maxInFlight).toBe(1);
    // The second host did not queue behind the first.
    expect(Math.abs(two.pageHits()[0]!.at - a!.at)).toBeLessThan(gap / 2);
  });

  it('keys politeness on host and port: a second loopback address is its own host', async () => {
    const one = await serve({ '/a': slow(20) });
    const two = await serve({ '/a': slow(20) }, '127.0.0.2'); // all of 127/8 is loopback on Linux
    const fetcher = fetcherFor({ perHostGapMs: 400 });
    await Promise.all([fetcher.fetch({ url: `${one.origin}/a` }), fetcher.fetch({ url: `${two.origin}/a` })]);
    expect(Math.abs(one.pageHits()[0]!.at - two.pageHits()[0]!.at)).toBeLessThan(200);
  });

  it('keeps no more requests in flight across hosts than the global limit', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const tracked: Handler = (req, res) => {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      res.on('close', () => inFlight--);
      slow(60)(req, res);
    };
    const hosts = await Promise.all([1, 2, 3, 4, 5].map(() => serve({ '/robots.txt': tracked, '/feed': tracked })));
    const fetcher = fetcherFor({ globalConcurrency: 2 });
    await Promise.all(hosts.map((host) => fetcher.fetch({ url: `${host.origin}/feed` })));
    expect(maxInFlight).toBe(2);
    expect(fetcher.stats()).toMatchObject({ requests: 10, robotsFetches: 5 });
  });
});

describe('httpGet alone', () => {
  it('runs the hook before every hop with its hop number', async () => {
    const server = await serve({ '/1': (_q, r) => r.writeHead(302, { location: '/2' }).end(), '/2': text(FEED) });
    const seen: string[] = [];
    const result = await httpGet(
      { url: `${server.origin}/1`, userAgent: 'test', beforeRequest: (url, hop) => void seen.push(`${hop}:${url.pathname}`) },
      { timeoutMs: 2000, maxBytes: 1000, maxRedirects: 1, allowPrivateNetworks: true },
    );
    expect(result.kind).toBe('ok');
    expect(seen).toEqual(['0:/1', '1:/2']);
  });

  it('keeps the first maxBytes instead of failing when asked to truncate', async () => {
    const server = await serve({ '/robots.txt': text('x'.repeat(10_000), { 'content-type': 'text/plain' }) });
    const result = await httpGet(
      { url: `${server.origin}/robots.txt`, userAgent: 'test' },
      { timeoutMs: 2000, maxBytes: 1000, maxRedirects: 0, oversize: 'truncate', allowPrivateNetworks: true },
    );
    expect(result.kind === 'ok' && result.body.length).toBe(1000);
  });

  it('reports a refused connection as a retryable network error', async () => {
    const server = await serve({});
    const port = Number(new URL(server.origin).port);
    await new Promise<void>((resolve) => servers.pop()!.close(() => resolve()));
    const error = await failure(httpGet({ url: `http://127.0.0.1:${port}/`, userAgent: 'test' }, { timeoutMs: 2000, maxBytes: 10, maxRedirects: 0, allowPrivateNetworks: true }));
    expect(error).toMatchObject({ code: 'network', retryable: true });
    expect(error.message).toMatch(/^network error: .*ECONNREFUSED/);
  });
});

describe('address policy', () => {
  it('refuses loopback, link-local and private addresses unless the runtime allows them', async () => {
    const fetcher = createFetcher({ contactUrl: CONTACT, perHostGapMs: 0 });
    for (const url of ['http://127.0.0.1:9001/2018-06-01/runtime/invocation/next', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]/', 'http://10.0.0.7/']) {
      await expect(fetcher.fetch({ url })).rejects.toMatchObject({ code: 'bad-url' });
    }
    // A name that resolves to loopback is refused at connection time.
    await expect(fetcher.fetch({ url: 'http://localhost:1/' })).rejects.toThrow();
    await expect(fetcher.fetch({ url: 'http://127.0.0.1:9001/' })).rejects.toThrow(/private address/);
  });
});

/**
 * The benchmark's agency sites, in their own process so that the collecting
 * process's memory is measured alone: HOSTS servers on loopback ports, each
 * with SOURCES_PER_HOST list pages (RSS or HTML) of 20–50 items, 50–300 ms
 * latency, ETag/304, robots.txt and an article page per item.
 * Prints one JSON line with the origins when ready; exits when stdin closes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const HOSTS = Number(process.env.BENCH_HOSTS ?? 50);
const SOURCES_PER_HOST = Number(process.env.BENCH_SOURCES_PER_HOST ?? 4);

/** A small deterministic generator, so every run serves the same bytes. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const TOPICS = [
  'Đẩy mạnh cải cách thủ tục hành chính tại bộ phận một cửa',
  'Tăng tỷ lệ hồ sơ dịch vụ công trực tuyến toàn trình',
  'Rà soát, sắp xếp tổ chức bộ máy tinh gọn, hiệu quả',
  'Tuyển dụng công chức, viên chức theo vị trí việc làm',
  'Thực hiện cơ chế tự chủ tài chính tại đơn vị sự nghiệp công lập',
  'Triển khai Đề án 06 và ứng dụng VNeID trong giải quyết thủ tục',
  'Hội nghị đối thoại với doanh nghiệp về môi trường đầu tư',
  'Phổ biến, giáo dục pháp luật cho cán bộ và nhân dân',
  'Lễ hội đua thuyền truyền thống đầu xuân',
  'Thu hoạch lúa vụ đông xuân đạt năng suất cao',
];

function pageFor(hostIndex: number, sourceIndex: number, origin: string) {
  const random = seeded(hostIndex * 100 + sourceIndex + 1);
  const count = 20 + Math.floor(random() * 31);
  const now = Date.now();
  const items = Array.from({ length: count }, (_, i) => {
    const topic = TOPICS[Math.floor(random() * TOPICS.length)]!;
    const when = new Date(now - Math.floor(random() * 90 * 86_400_000));
    return {
      title: `${topic} (tin ${hostIndex}-${sourceIndex}-${i})`,
      link: `${origin}/s${sourceIndex}/bai/${i}.html`,
      date: when,
      summary: `${topic}: đơn vị ${hostIndex} báo cáo kết quả quý, nêu rõ số hồ sơ đã giải quyết đúng hạn và các mô hình hay cần nhân rộng.`,
    };
  });
  if (sourceIndex % 2 === 0) {
    const body = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Nguồn ${hostIndex}-${sourceIndex}</title>${items
      .map((i) => `<item><title>${i.title}</title><link>${i.link}</link><pubDate>${i.date.toUTCString()}</pubDate><description><![CDATA[<p>${i.summary}</p>]]></description></item>`)
      .join('')}</channel></rss>`;
    return { body, type: 'application/rss+xml; charset=utf-8' };
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>Tin tức</title></head><body><div class="sidebar"><a href="/x">Liên kết</a></div><ul class="news">${items
    .map((i) => {
      const d = new Date(i.date.getTime() + 7 * 3_600_000);
      return `<li><a class="title" href="${i.link.replace(origin, '')}">${i.title}</a><span class="date">${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} - ${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}</span><p class="sapo">${i.summary}</p></li>`;
    })
    .join('')}</ul></body></html>`;
  return { body, type: 'text/html; charset=utf-8' };
}

const article = (path: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta name="description" content="Bài viết ${path}"></head><body><article>${'<p>Trung tâm Phục vụ hành chính công tỉnh tiếp nhận và trả kết quả hồ sơ đúng hạn, người dân hài lòng với thái độ phục vụ của công chức.</p>'.repeat(12)}</article></body></html>`;

async function main() {
  const origins: string[] = [];
  for (let host = 0; host < HOSTS; host++) {
    const random = seeded(9000 + host);
    const pages = new Map<string, { body: string; type: string; etag: string }>();
    const server = createServer((request, response) => {
      const path = (request.url ?? '/').split('?')[0]!;
      const latency = 50 + Math.floor(random() * 250);
      setTimeout(() => {
        if (path === '/robots.txt') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /admin/\n');
        const list = pages.get(path);
        if (list) {
          if (request.headers['if-none-match'] === list.etag) return void response.writeHead(304, { etag: list.etag }).end();
          return void response.writeHead(200, { 'content-type': list.type, etag: list.etag }).end(list.body);
        }
        if (/\/bai\//.test(path)) return void response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article(path));
        response.writeHead(404).end();
      }, latency);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (let source = 0; source < SOURCES_PER_HOST; source++) {
      const page = pageFor(host, source, origin);
      pages.set(`/s${source}/list`, { ...page, etag: `"h${host}s${source}"` });
    }
    origins.push(origin);
  }
  process.stdout.write(`${JSON.stringify({ origins, sourcesPerHost: SOURCES_PER_HOST })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}

void main();

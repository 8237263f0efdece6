/**
 * The weekly digest in the app (issue 6): the archive (`GET /digests`), one
 * week (`GET /digests/{week}`: the archived HTML once sent, a preview built
 * on the fly before — never written), and the public unsubscribe page and
 * one-click target (`/digests/unsubscribe`, answered before the sign-in
 * check: see {@link handleDigestUnsubscribe}).
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { authorize } from '../../../shared/auth';
import { listDigests, readArchive } from '../../../shared/digest/archive';
import { previousIsoWeek, weekLabel } from '../../../shared/digest/content';
import { maskEmail, recipientByToken, unsubscribe } from '../../../shared/digest/recipients';
import { renderDigestHtml } from '../../../shared/digest/render';
import { UNSUBSCRIBE_PATH, viewDigest } from '../../../shared/digest/service';
import type { AwsClients } from '../../../shared/store/clients';
import { isoWeekBounds, toVietnamIso } from '../../../shared/time/vietnam';
import { formatVietnamDateTime, html, layout, type RawHtml, raw } from '../../../shared/web/html';
import { HttpError, formOf, page, queryOf } from '../http';
import type { Route, Services } from '../context';

const WEEK = '(\\d{4}-W\\d{2})';

/** How many recent weeks the archive lists even before they have a record. */
const RECENT_WEEKS = 8;

function weekOrThrow(week: string): string {
  try {
    isoWeekBounds(week);
    return week;
  } catch (error) {
    throw new HttpError(404, (error as Error).message);
  }
}

const sources = (services: Services) => ({ clients: services.clients, stories: services.stories, sources: services.sources, desks: services.desks });

/**
 * The body of a rendered digest, to show inside the app's frame. The
 * document is our own renderer's output (or its archived copy), so slicing
 * between its body tags is exact — and keeps an HTML parser (cheerio with
 * parse5, undici, iconv-lite: ≈ 1 MB) out of the api function's bundle.
 */
function bodyOf(document: string): RawHtml {
  const open = /<body\b[^>]*>/i.exec(document);
  const close = document.lastIndexOf('</body>');
  if (!open || close < open.index) return raw(document);
  return raw(document.slice(open.index + open[0].length, close));
}

const ddmm = (date: Date) => toVietnamIso(date).slice(0, 10).split('-').reverse().join('/');

export const digestRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/digests\/?$/,
    async handle(ctx, _params, services) {
      authorize(ctx.principal, 'digests.read');
      const records = await listDigests(services.clients);
      const byWeek = new Map(records.map((record) => [record.week, record]));
      // The weeks that ended recently, recorded or not, and every recorded one.
      let week = previousIsoWeek(new Date(ctx.now.getTime() + 7 * 86_400_000));
      const weeks = new Set<string>();
      for (let i = 0; i < RECENT_WEEKS; i += 1) {
        weeks.add(week);
        week = previousIsoWeek(isoWeekBounds(week).start);
      }
      for (const record of records) weeks.add(record.week);
      const rows = [...weeks].sort().reverse().map((id) => {
        const record = byWeek.get(id);
        const { start, end } = isoWeekBounds(id);
        const state = record?.state === 'sent'
          ? html`<span class="badge ok">Đã gửi ${formatVietnamDateTime(record.sentAt)}</span>`
          : record?.state === 'sending'
            ? html`<span class="badge warn">Đang gửi</span>`
            : html`<span class="badge">Chưa gửi</span>`;
        return html`<tr data-week="${id}"><td><a href="/digests/${id}">Bản tin ${weekLabel(id)}</a></td><td class="date">${ddmm(start)} – ${ddmm(new Date(end.getTime() - 1))}</td><td>${record?.stories ?? ''}</td><td>${state}</td></tr>`;
      });
      const body = html`<h1>Bản tin CCHC hằng tuần</h1><p class="muted">Gửi tự động 7 giờ sáng thứ Hai cho tuần vừa qua. Bản tin đã gửi được lưu nguyên như khi gửi.</p>
<table><thead><tr><th>Tuần</th><th>Thời gian</th><th>Số tin</th><th>Trạng thái</th></tr></thead><tbody>${rows}</tbody></table>`;
      return page(200, layout('Bản tin CCHC hằng tuần', body, ctx.chrome));
    },
  },
  {
    method: 'GET',
    pattern: new RegExp(`^/digests/${WEEK}/?$`),
    async handle(ctx, [weekParam], services) {
      authorize(ctx.principal, 'digests.read');
      const week = weekOrThrow(weekParam!);
      const view = await viewDigest(sources(services), week, ctx.now);
      let document: string;
      let note: RawHtml;
      if (view.frozen) {
        // The archived bytes as they were sent (rendered again from the frozen content only if the object is missing).
        document = (await readArchive(services.clients, week))?.html ?? renderDigestHtml(view.content);
        note = view.record?.state === 'sent'
          ? html`<p class="notice">Bản tin đã gửi lúc ${formatVietnamDateTime(view.record.sentAt)} (bản lưu trữ).</p>`
          : html`<p class="notice">Bản tin đang được gửi (bản lưu trữ).</p>`;
      } else {
        document = renderDigestHtml(view.content);
        note = html`<p class="error">Bản xem trước — chưa gửi; nội dung có thể còn thay đổi đến khi gửi.</p>`;
      }
      const body = html`<p><a href="/digests">← Tất cả bản tin</a></p>${note}<div class="digest" data-week="${week}">${bodyOf(document)}</div>`;
      return page(200, layout(`Bản tin ${weekLabel(week)}`, body, ctx.chrome));
    },
  },
];

function unsubscribePage(status: number, title: string, body: RawHtml) {
  return page(status, layout(title, body));
}

/**
 * `GET /digests/unsubscribe?token=` — a confirm page; `POST` (the
 * `List-Unsubscribe-Post` one-click target, or the page's button) records
 * the choice. Both without sign-in: the token is the proof. Returns null for
 * any other path or method, so the handler carries on.
 */
export async function handleDigestUnsubscribe(event: APIGatewayProxyEventV2, clients: AwsClients, now: Date) {
  const method = event.requestContext.http.method;
  if ((event.rawPath || '/') !== UNSUBSCRIBE_PATH || (method !== 'GET' && method !== 'POST')) return null;
  const token = queryOf(event).token ?? (method === 'POST' ? (formOf(event).get('token') ?? '') : '');
  const invalid = () => unsubscribePage(404, 'Liên kết không hợp lệ', html`<h1>Liên kết không hợp lệ</h1><p>Liên kết hủy đăng ký này không đúng hoặc đã hết hiệu lực.</p>`);
  if (method === 'GET') {
    const recipient = await recipientByToken(clients, token);
    if (!recipient) return invalid();
    if (recipient.unsubscribedAt) {
      return unsubscribePage(200, 'Đã hủy đăng ký', html`<h1>Đã hủy đăng ký</h1><p>Địa chỉ ${maskEmail(recipient.email)} đã ngừng nhận bản tin CCHC hằng tuần từ ${formatVietnamDateTime(recipient.unsubscribedAt)}.</p>`);
    }
    return unsubscribePage(
      200,
      'Hủy đăng ký bản tin',
      html`<h1>Hủy đăng ký bản tin CCHC hằng tuần</h1><p>Địa chỉ ${maskEmail(recipient.email)} sẽ không nhận bản tin hằng tuần nữa.</p>
<form method="post" action="${UNSUBSCRIBE_PATH}?token=${encodeURIComponent(token)}"><button type="submit" class="primary">Xác nhận hủy đăng ký</button></form>`,
    );
  }
  const recipient = await unsubscribe(clients, token, toVietnamIso(now));
  if (!recipient) return invalid();
  return unsubscribePage(200, 'Đã hủy đăng ký', html`<h1>Đã hủy đăng ký</h1><p>Địa chỉ ${maskEmail(recipient.email)} sẽ không nhận bản tin CCHC hằng tuần nữa.</p>`);
}

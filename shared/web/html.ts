import { vietnamParts } from '../time/vietnam';
import { vi } from './strings';

/** Escapes text for HTML content and attribute values. Every dynamic value goes through it. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** A tagged template whose interpolations are escaped unless marked {@link raw}. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += renderValue(value) + (strings[index + 1] ?? '');
  });
  return new RawHtml(out);
}

/** Markup that is already safe (built by {@link html}). */
export class RawHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

function renderValue(value: unknown): string {
  if (value instanceof RawHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** Marks trusted markup as safe. Never pass fetched text here. */
export function raw(markup: string): RawHtml {
  return new RawHtml(markup);
}

/** `dd/MM/yyyy HH:mm` in Vietnam time, the way Vietnamese readers write dates. */
export function formatVietnamDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const p = vietnamParts(date);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(p.day)}/${two(p.month)}/${p.year} ${two(p.hour)}:${two(p.minute)}`;
}

const STYLE = `
:root{--ink:#1d2733;--muted:#5b6775;--line:#d9dee4;--accent:#a4161a;--ok:#1b7f3b;--warn:#b35c00;--bad:#b00020}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#f6f7f9}
header.top{background:var(--accent);color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
header.top a{color:#fff;text-decoration:none;font-weight:600}header.top nav{display:flex;gap:1rem;flex-wrap:wrap}
main{max-width:72rem;margin:0 auto;padding:1rem}h1{font-size:1.4rem;margin:.5rem 0 1rem}
table{width:100%;border-collapse:collapse;background:#fff}th,td{text-align:left;padding:.5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.85rem;color:var(--muted);font-weight:600}td.date{white-space:nowrap;color:var(--muted);font-size:.9rem}
.muted{color:var(--muted);font-size:.9rem}.badge{display:inline-block;padding:.1rem .5rem;border-radius:1rem;font-size:.8rem;font-weight:600}
.ok{background:#e3f4e8;color:var(--ok)}.warn{background:#fff0de;color:var(--warn)}.bad{background:#fde7ea;color:var(--bad)}
article.story{background:#fff;padding:1rem;border:1px solid var(--line)}article.story p{max-width:42rem}
a{color:#0b5394}a:focus,button:focus{outline:3px solid #f1c232;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:.5rem;top:.5rem;background:#fff;padding:.5rem;z-index:9}
header.top .user{margin-left:auto;display:flex;gap:.5rem;align-items:center;font-size:.9rem}header.top .user form{margin:0}
button,.button{font:inherit;padding:.4rem .8rem;border:1px solid #7a8794;border-radius:.3rem;background:#fff;color:var(--ink);cursor:pointer;text-decoration:none;display:inline-block}
button.primary{background:var(--accent);color:#fff;border-color:var(--accent)}
form.filters{display:flex;flex-wrap:wrap;gap:.75rem;align-items:flex-end;background:#fff;padding:.75rem;border:1px solid var(--line);margin-bottom:1rem}
form.filters label,form.stack label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted);gap:.2rem}
input,select,textarea{font:inherit;padding:.35rem;border:1px solid #7a8794;border-radius:.3rem;max-width:100%}
.notice{padding:.75rem;border-left:4px solid var(--ok);background:#e3f4e8;margin:1rem 0}.error{padding:.75rem;border-left:4px solid var(--bad);background:#fde7ea;margin:1rem 0}
section.panel{background:#fff;border:1px solid var(--line);padding:1rem;margin:1rem 0}section.panel h2{margin-top:0;font-size:1.15rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}.actions form{display:flex;gap:.5rem;align-items:flex-end;flex-wrap:wrap;margin:0}
fieldset{border:1px solid var(--line);margin:.5rem 0}form.stack label.check{flex-direction:row;align-items:center;gap:.5rem;color:var(--ink);font-size:1rem}.tabs{display:flex;gap:.25rem;flex-wrap:wrap;margin-bottom:.75rem}.tabs a{padding:.3rem .7rem;border:1px solid var(--line);border-radius:1rem;background:#fff;text-decoration:none}.tabs a[aria-current]{background:var(--accent);color:#fff}
@media print{header.top,.noprint{display:none}body{background:#fff}}
@media (max-width:40rem){table,thead,tbody,tr,td,th{display:block}thead{display:none}td{border:0;padding:.2rem .5rem}tr{border-bottom:1px solid var(--line);padding:.5rem 0}}
`;

/** What the frame shows of the signed-in user: their name, the desks they may open, the sign-out form's CSRF token. */
export interface PageChrome {
  userName: string;
  roleName: string;
  links: { href: string; label: string }[];
  csrfToken: string | null;
}

/** The page frame: Vietnamese, responsive, no script needed. */
export function layout(title: string, body: RawHtml, chrome?: PageChrome): string {
  const links = chrome?.links ?? [
    { href: '/', label: vi.nav.stories },
    { href: '/sources', label: vi.nav.sources },
    { href: '/health', label: vi.nav.health },
  ];
  const user = chrome
    ? html`<div class="user"><span>${vi.nav.signedInAs} <strong>${chrome.userName}</strong> (${chrome.roleName})</span>${
        chrome.csrfToken
          ? html`<form method="post" action="/auth/signout"><input type="hidden" name="_csrf" value="${chrome.csrfToken}"><button type="submit">${vi.nav.signOut}</button></form>`
          : ''
      }</div>`
    : '';
  return `<!doctype html>${html`<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · ${vi.productName}</title><style>${raw(STYLE)}</style></head><body><a class="skip" href="#main">Bỏ qua thanh điều hướng</a><header class="top"><a href="/">${vi.productName}</a><nav aria-label="Chính">${links.map((link) => html`<a href="${link.href}">${link.label}</a>`)}</nav>${user}</header><main id="main">${body}</main></body></html>`}`;
}

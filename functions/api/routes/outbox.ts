/** The e-mail outbox for admins (issue 5): the mail log, newest first, and one message. */
import { readFile } from 'node:fs/promises';
import { authorize } from '../../../shared/auth';
import { getMail, listMail, type MailLogEntry } from '../../../shared/mail/mail-log';
import { readMimeMessage } from '../../../shared/mail/mime';
import { html, layout } from '../../../shared/web/html';
import { renderOutboxMessagePage, renderOutboxPage } from '../../../shared/web/pages/outbox';
import { outboxStrings } from '../../../shared/web/strings-mail';
import { page } from '../http';
import type { Route } from '../context';

/** The message's text: locally the `.eml` file's text part (what was really written), else the logged text. */
async function messageText(entry: MailLogEntry): Promise<string> {
  if (entry.file) {
    try {
      const text = readMimeMessage(await readFile(entry.file)).text;
      if (text !== null) return text;
    } catch {
      // The file was moved or deleted (or this is not the machine that wrote it): the log still has the text.
    }
  }
  return entry.text;
}

/** Registered in handler.ts before the general page routes. */
export const outboxRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/outbox\/?$/,
    async handle(ctx, _params, services) {
      authorize(ctx.principal, 'outbox.read');
      const entries = await listMail(services.clients, { now: ctx.now, limit: 200 });
      return page(200, renderOutboxPage({ entries, chrome: ctx.chrome }));
    },
  },
  {
    method: 'GET',
    pattern: /^\/outbox\/([A-Za-z0-9_-]{1,1000})$/,
    async handle(ctx, [id], services) {
      authorize(ctx.principal, 'outbox.read');
      const entry = await getMail(services.clients, id!);
      if (!entry) return page(404, layout(outboxStrings.notFound, html`<h1>${outboxStrings.notFound}</h1><p><a href="/outbox">${outboxStrings.back}</a></p>`, ctx.chrome));
      return page(200, renderOutboxMessagePage({ entry, text: await messageText(entry), chrome: ctx.chrome }));
    },
  },
];

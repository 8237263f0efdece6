/** The outbox pages for admins: the mail log, newest first, and one message's text. */
import type { MailLogEntry } from '../../mail/mail-log';
import { formatVietnamDateTime, html, layout, type PageChrome } from '../html';
import { outboxStrings as s } from '../strings-mail';

/** The list: when, to, subject (a link to the message), tag, transport. */
export function renderOutboxPage(input: { entries: readonly MailLogEntry[]; chrome?: PageChrome }): string {
  const c = s.columns;
  const rows = input.entries.map(
    (entry) => html`<tr>
<td class="date">${formatVietnamDateTime(entry.at)}</td>
<td>${entry.to.join(', ')}</td>
<td><a href="/outbox/${entry.id}">${entry.subject}</a></td>
<td><code>${entry.tag}</code></td>
<td>${s.transport[entry.transport] ?? entry.transport}</td></tr>`,
  );
  const body = html`<h1>${s.title}</h1><p class="muted">${s.intro}</p>
${
  input.entries.length === 0
    ? html`<p>${s.empty}</p>`
    : html`<table><thead><tr><th scope="col">${c.when}</th><th scope="col">${c.to}</th><th scope="col">${c.subject}</th><th scope="col">${c.tag}</th><th scope="col">${c.transport}</th></tr></thead><tbody>${rows}</tbody></table>`
}`;
  return layout(s.title, body, input.chrome);
}

/** One message: its headers as logged and its plain text (escaped, as preformatted text). */
export function renderOutboxMessagePage(input: { entry: MailLogEntry; text: string; chrome?: PageChrome }): string {
  const { entry } = input;
  const c = s.columns;
  const body = html`<p><a href="/outbox">${s.back}</a></p><h1>${entry.subject}</h1>
<section class="panel"><dl>
<dt>${c.when}</dt><dd>${formatVietnamDateTime(entry.at)}</dd>
<dt>${c.to}</dt><dd>${entry.to.join(', ')}</dd>
<dt>${c.tag}</dt><dd><code>${entry.tag}</code></dd>
<dt>${c.transport}</dt><dd>${s.transport[entry.transport] ?? entry.transport}</dd>
${entry.file ? html`<dt>${s.file}</dt><dd><code>${entry.file}</code></dd>` : ''}
</dl></section>
<section class="panel"><h2>${s.messageTitle}</h2><pre style="white-space:pre-wrap;font:inherit">${input.text}</pre></section>`;
  return layout(entry.subject, body, input.chrome);
}

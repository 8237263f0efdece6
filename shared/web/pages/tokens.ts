/** The API tokens page for admins (issue 8): issue (the token shown once), list, revoke. */
import { ROLE_NAMES_VI } from '../../auth/roles';
import type { ApiTokenInfo } from '../../auth/tokens';
import type { DirectoryUser } from '../../users/directory';
import { formatVietnamDateTime, html, layout, type PageChrome } from '../html';
import { tokensVi as v } from '../strings-admin';

const csrf = (token: string | null) => (token ? html`<input type="hidden" name="_csrf" value="${token}">` : '');

/** The list, the issue form, and once, a just-issued token. */
export function renderTokensPage(input: {
  tokens: readonly ApiTokenInfo[];
  users: readonly DirectoryUser[];
  now: Date;
  issued?: string | null;
  notice?: string | null;
  error?: string | null;
  values?: Record<string, string>;
  csrfToken: string | null;
  chrome?: PageChrome;
}): string {
  const c = v.columns;
  const nowSeconds = Math.floor(input.now.getTime() / 1000);
  const values = input.values ?? {};
  const rows = input.tokens.map((token) => {
    const expired = token.expiresAt !== null && token.expiresAt <= nowSeconds;
    const status = token.revokedAt ? html`<span class="badge bad">${v.revokedAt(formatVietnamDateTime(token.revokedAt))}</span>` : expired ? html`<span class="badge warn">${v.expired}</span>` : html`<span class="badge ok">${v.active}</span>`;
    return html`<tr><td>${token.label}</td><td>${token.name} (<code>${token.userId}</code>)</td><td>${ROLE_NAMES_VI[token.role]}</td>
<td class="date">${formatVietnamDateTime(token.createdAt)}</td><td class="date">${token.expiresAt === null ? v.never : formatVietnamDateTime(new Date(token.expiresAt * 1000).toISOString())}</td>
<td class="muted">${v.notTracked}</td><td>${status}</td>
<td>${token.revokedAt ? '' : html`<form method="post" action="/tokens/${token.id}/revoke">${csrf(input.csrfToken)}<button type="submit">${v.revoke}</button></form>`}</td></tr>`;
  });
  const active = input.users.filter((user) => user.status === 'active');
  const body = html`<h1>${v.title}</h1><p class="muted">${v.intro}</p>
${input.notice ? html`<p class="notice" role="status">${input.notice}</p>` : ''}
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
${input.issued ? html`<section class="panel" aria-labelledby="issued-title"><h2 id="issued-title">${v.issued}</h2><p><code id="issued-token">${input.issued}</code></p></section>` : ''}
${input.tokens.length ? html`<table><thead><tr><th scope="col">${c.label}</th><th scope="col">${c.user}</th><th scope="col">${c.role}</th><th scope="col">${c.created}</th><th scope="col">${c.expires}</th><th scope="col">${c.lastUsed}</th><th scope="col">${c.status}</th><th scope="col">${c.actions}</th></tr></thead><tbody>${rows}</tbody></table>` : html`<p>${v.empty}</p>`}
<section class="panel" aria-labelledby="issue-title"><h2 id="issue-title">${v.issueTitle}</h2>
<form method="post" action="/tokens" class="stack">${csrf(input.csrfToken)}
<label>${v.fields.userId}<select name="userId" required>${active.map((user) => html`<option value="${user.id}"${values.userId === user.id ? html` selected` : ''}>${user.name} (${user.id}) — ${ROLE_NAMES_VI[user.role]}</option>`)}</select></label>
<label>${v.fields.label}<input name="label" required maxlength="200" value="${values.label ?? ''}"></label>
<label>${v.fields.days}<input type="number" name="days" min="1" max="3660" value="${values.days ?? ''}"></label>
<div class="actions"><button type="submit" class="primary">${v.issue}</button></div></form></section>`;
  return layout(v.title, body, input.chrome);
}

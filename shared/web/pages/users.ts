/**
 * The users page for admins (issue 8): the list with disable / enable /
 * reset password, the invitation form, and the one-time set-password page
 * a local user opens from the link an admin gave them.
 */
import { ROLES, ROLE_NAMES_VI } from '../../auth/roles';
import type { DirectoryUser, PasswordDelivery } from '../../users/directory';
import { formatVietnamDateTime, html, layout, type PageChrome } from '../html';
import { usersVi as v } from '../strings-admin';

const csrf = (token: string | null) => (token ? html`<input type="hidden" name="_csrf" value="${token}">` : '');

/** What the page shows after an action: a notice, an error, and once, the link or where Cognito sent the e-mail. */
export interface UsersPageState {
  users: readonly DirectoryUser[];
  agencies: readonly { id: string; name: string }[];
  kind: 'local' | 'cognito';
  selfId: string;
  notice?: string | null;
  error?: string | null;
  /** The one-time link (local) or the e-mail Cognito sent; shown once, never stored in the page's URL. */
  delivery?: { delivery: PasswordDelivery; link: string | null } | null;
  /** What the invitation form had, shown again after a refusal. */
  values?: Record<string, string>;
  csrfToken: string | null;
  chrome?: PageChrome;
}

/** The list and the invitation form. */
export function renderUsersPage(state: UsersPageState): string {
  const c = v.columns;
  const agencyName = new Map(state.agencies.map((agency) => [agency.id, agency.name]));
  const values = state.values ?? {};
  const rows = state.users.map((user) => {
    const actions = html`<div class="actions">${
      user.id === state.selfId
        ? ''
        : html`<form method="post" action="/users/${encodeURIComponent(user.id)}/${user.status === 'disabled' ? 'enable' : 'disable'}">${csrf(state.csrfToken)}<button type="submit">${user.status === 'disabled' ? v.enable : v.disable}</button></form>`
    }<form method="post" action="/users/${encodeURIComponent(user.id)}/reset-password">${csrf(state.csrfToken)}<button type="submit">${v.resetPassword}</button></form></div>`;
    const badge = user.status === 'active' ? 'ok' : user.status === 'invited' ? 'warn' : 'bad';
    return html`<tr><td><code>${user.id}</code></td><td>${user.name}</td><td>${user.email ?? ''}</td><td>${ROLE_NAMES_VI[user.role]}</td><td>${user.agencyId ? (agencyName.get(user.agencyId) ?? user.agencyId) : ''}</td><td><span class="badge ${badge}">${v.statuses[user.status]}</span></td><td>${actions}</td></tr>`;
  });
  const delivery = state.delivery;
  const body = html`<h1>${v.title}</h1><p class="muted">${state.kind === 'local' ? v.introLocal : v.introCognito}</p>
${state.notice ? html`<p class="notice" role="status">${state.notice}</p>` : ''}
${state.error ? html`<p class="error" role="alert">${state.error}</p>` : ''}
${
  delivery
    ? delivery.delivery.kind === 'link'
      ? html`<section class="panel" aria-labelledby="link-title"><h2 id="link-title">${v.setPassword.title}</h2><p>${v.linkOnce}</p><p><code id="set-password-link">${delivery.link}</code></p><p class="muted">${formatVietnamDateTime(delivery.delivery.expiresAt)}</p></section>`
      : html`<p class="notice" role="status">${v.emailSent(delivery.delivery.email)}</p>`
    : ''
}
<table><thead><tr><th scope="col">${c.id}</th><th scope="col">${c.name}</th><th scope="col">${c.email}</th><th scope="col">${c.role}</th><th scope="col">${c.agency}</th><th scope="col">${c.status}</th><th scope="col">${c.actions}</th></tr></thead><tbody>${rows}</tbody></table>
<section class="panel" aria-labelledby="invite-title"><h2 id="invite-title">${v.inviteTitle}</h2>
<form method="post" action="/users" class="stack">${csrf(state.csrfToken)}
${state.kind === 'local' ? html`<label>${v.fields.id}<input name="id" required maxlength="64" pattern="[a-z0-9][a-z0-9\\-]*" autocomplete="off" value="${values.id ?? ''}"></label>` : ''}
<label>${v.fields.name}<input name="name" required maxlength="200" value="${values.name ?? ''}"></label>
<label>${v.fields.email}<input type="email" name="email"${state.kind === 'cognito' ? html` required` : ''} value="${values.email ?? ''}"></label>
<label>${v.fields.role}<select name="role">${ROLES.map((role) => html`<option value="${role}"${values.role === role ? html` selected` : ''}>${ROLE_NAMES_VI[role]}</option>`)}</select></label>
<label>${v.fields.agencyId}<select name="agencyId"><option value="">—</option>${state.agencies.map((agency) => html`<option value="${agency.id}"${values.agencyId === agency.id ? html` selected` : ''}>${agency.name}</option>`)}</select></label>
<div class="actions"><button type="submit" class="primary">${v.invite}</button></div></form></section>`;
  return layout(v.title, body, state.chrome);
}

/** The set-password page: the form while the link is valid, else why not; after success a link to sign in. */
export function renderSetPasswordPage(input: { user: { id: string; name: string } | null; token: string; error?: string | null; done?: boolean }): string {
  const s = v.setPassword;
  let body;
  if (input.done) body = html`<h1>${s.title}</h1><p class="notice" role="status">${s.done}</p><p><a href="/auth/signin?via=form">${s.signIn}</a></p>`;
  else if (!input.user) body = html`<h1>${s.title}</h1><p class="error" role="alert">${s.invalidLink}</p>`;
  else
    body = html`<h1>${s.title}</h1><p>${s.intro(input.user.name)}</p>
${input.error ? html`<p class="error" role="alert">${input.error}</p>` : ''}
<form method="post" action="/account/set-password" class="stack panel"><input type="hidden" name="u" value="${input.user.id}"><input type="hidden" name="t" value="${input.token}">
<input type="text" name="username" value="${input.user.id}" autocomplete="username" hidden readonly>
<label>${s.password}<input type="password" name="password" required minlength="10" maxlength="200" autocomplete="new-password"></label>
<label>${s.confirm}<input type="password" name="confirm" required minlength="10" maxlength="200" autocomplete="new-password"></label>
<div class="actions"><button type="submit" class="primary">${s.submit}</button></div></form>`;
  return layout(s.title, body);
}

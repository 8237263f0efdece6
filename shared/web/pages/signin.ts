/**
 * The sign-in page: server-rendered, works without JavaScript. Locally a
 * username/password form posting to /auth/signin; in AWS a link to
 * Cognito's managed login instead (the form would have nothing to check
 * against). `next` — where to go afterwards — travels in a hidden field and
 * is checked by the open-redirect guard both here and when redirecting.
 */
import { html, layout } from '../html';
import { AUTH_PATHS, authVi } from '../../auth/strings';
import { safeNextPath } from '../../auth/next-path';

/** What the sign-in page shows. */
export interface SignInPageInput {
  /** Where to go after signing in; anything but a local path becomes `/`. */
  next?: string | null;
  /** An error to show (wrong password, rate limited, …), already in Vietnamese. */
  error?: string | null;
  /** A notice that is not an error (e.g. "you have signed out"). */
  notice?: string | null;
  /** The username typed before, kept after a failed attempt (never the password). */
  username?: string | null;
  /** In AWS: sign in through Cognito, via this local path (e.g. `/auth/signin?next=…&via=cognito`), instead of the form. */
  cognitoPath?: string | null;
}

/** The sign-in page's HTML. */
export function renderSignInPage(input: SignInPageInput = {}): string {
  const t = authVi.signIn;
  const next = safeNextPath(input.next);
  const error = input.error ?? '';
  // One live region, always present, so a screen reader announces the
  // message whenever the page comes back with one.
  const alert = html`<div id="signin-error" role="alert" class="${error ? 'badge bad' : ''}">${error}</div>`;
  const notice = input.notice ? html`<p class="muted" role="status">${input.notice}</p>` : '';
  const describedBy = error ? html` aria-describedby="signin-error"` : '';
  const form = input.cognitoPath
    ? html`<p><a class="button" href="${safeNextPath(input.cognitoPath)}">${t.cognito}</a></p>`
    : html`<form method="post" action="${AUTH_PATHS.signIn}" class="signin">
<input type="hidden" name="next" value="${next}">
<p><label for="signin-username">${t.username}</label><br>
<input id="signin-username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="128" value="${input.username ?? ''}"${describedBy}></p>
<p><label for="signin-password">${t.password}</label><br>
<input id="signin-password" name="password" type="password" autocomplete="current-password" required maxlength="1024"${describedBy}></p>
<p><button type="submit">${t.submit}</button></p>
</form>`;
  return layout(
    t.title,
    html`<section aria-labelledby="signin-heading" style="max-width:26rem">
<h1 id="signin-heading">${t.heading}</h1>
<p class="muted">${t.intro}</p>
${notice}${alert}
${form}
</section>`,
  );
}

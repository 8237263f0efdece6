import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStores } from '../support/stores';
import { createAuthenticator, bearerToken } from '../../shared/auth/authenticate';
import { createCognitoVerifier } from '../../shared/auth/cognito';
import { localUsersSchema } from '../../shared/auth/users';
import { DEMO_PASSWORDS, DEMO_USERS } from './demo-users';
import { FakeCognito } from './cognito-fixture';

const users = localUsersSchema.parse(DEMO_USERS);
const now = new Date('2026-11-23T03:00:00Z');
const cookieOf = (setCookie: string) => setCookie.split(';')[0]!;

describe('local sign-in', () => {
  it('signs every demo user in with its password and recognises the session cookie afterwards', async () => {
    const auth = createAuthenticator({ clients: await freshStores(), users, secureCookies: false });
    for (const user of users) {
      const result = await auth.signIn(user.id, DEMO_PASSWORDS[user.id]!, '127.0.0.1', now);
      if (!result.ok) throw new Error(result.message);
      expect(result.setCookie).toMatch(/^cchc_session=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=43200; HttpOnly; SameSite=Lax$/);
      expect(result.principal).toMatchObject({ userId: user.id, role: user.role, via: 'session' });
      const seen = await auth.authenticate({ headers: { cookie: `a=b; ${cookieOf(result.setCookie)}` } }, now);
      expect(seen?.principal).toEqual(result.principal);
      expect(seen?.session?.csrfToken).toBe(result.csrfToken);
      // API Gateway's payload 2.0 hands cookies over as an array instead.
      const viaArray = await auth.authenticate({ headers: {}, cookies: [cookieOf(result.setCookie)] }, now);
      expect(viaArray?.principal.userId).toBe(user.id);
    }
  });

  it('answers the same Vietnamese message for a wrong password and an unknown user', async () => {
    const auth = createAuthenticator({ clients: await freshStores(), users });
    expect(await auth.signIn('bao', 'sai-mat-khau', '10.0.0.1', now)).toEqual({ ok: false, message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    expect(await auth.signIn('khongco', 'bao-2026', '10.0.0.1', now)).toEqual({ ok: false, message: 'Tên đăng nhập hoặc mật khẩu không đúng.' });
    expect(await auth.signIn('', '', '10.0.0.1', now)).toEqual({ ok: false, message: 'Vui lòng nhập tên đăng nhập và mật khẩu.' });
    expect((await auth.signIn(' BAO ', 'bao-2026', '10.0.0.1', now)).ok).toBe(true);
  });

  it('locks a username after 5 failures until the window ends, even for the right password', async () => {
    const auth = createAuthenticator({ clients: await freshStores(), users });
    for (let n = 0; n < 5; n++) expect((await auth.signIn('noivu', `sai-${n}`, '10.0.0.1', now)).ok).toBe(false);
    const locked = await auth.signIn('noivu', 'noivu-2026', '10.0.0.9', new Date('2026-11-23T03:10:00Z'));
    expect(locked).toEqual({ ok: false, message: 'Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau 10:15.', retryAt: new Date('2026-11-23T03:15:00Z') });
    expect((await auth.signIn('noivu', 'noivu-2026', '10.0.0.9', new Date('2026-11-23T03:15:00Z'))).ok).toBe(true);
  });

  it('signs out: the session is gone and the cookie is cleared', async () => {
    const auth = createAuthenticator({ clients: await freshStores(), users });
    const result = await auth.signIn('quantri', 'quantri-2026', '127.0.0.1', now);
    if (!result.ok) throw new Error(result.message);
    const out = await auth.signOut(`x=1; ${cookieOf(result.setCookie)}`);
    expect(out.setCookie).toContain('cchc_session=; Path=/; Max-Age=0');
    expect(out.setCookie).toContain('Secure');
    expect(await auth.authenticate({ headers: { Cookie: cookieOf(result.setCookie) } }, now)).toBeNull();
    await expect(auth.signOut(undefined)).resolves.toBeDefined();
  });

  it('refuses anonymous requests and sign-in when no local users are configured', async () => {
    const auth = createAuthenticator({ clients: await freshStores() });
    expect(await auth.authenticate({ headers: {} }, now)).toBeNull();
    expect(await auth.authenticate({ headers: { cookie: 'cchc_session=nope' } }, now)).toBeNull();
    expect((await auth.signIn('bao', 'bao-2026', '127.0.0.1', now)).ok).toBe(false);
  });
});

describe('Bearer tokens', () => {
  it('accepts a local API token (no session, so no CSRF token) and refuses a bad one even with a valid cookie', async () => {
    const auth = createAuthenticator({ clients: await freshStores(), users });
    const { token } = await auth.tokens.issue({ userId: 'tich-hop', name: 'Tích hợp', role: 'agency', agencyId: 'so-tu-phap', label: 'test' }, now);
    expect(await auth.authenticate({ headers: { authorization: `Bearer ${token}` } }, now)).toEqual({
      principal: { userId: 'tich-hop', name: 'Tích hợp', role: 'agency', agencyId: 'so-tu-phap', via: 'token' },
    });
    const signedIn = await auth.signIn('bao', 'bao-2026', '127.0.0.1', now);
    if (!signedIn.ok) throw new Error(signedIn.message);
    const cookie = cookieOf(signedIn.setCookie);
    expect(await auth.authenticate({ headers: { authorization: `Bearer ${token}x`, cookie } }, now)).toBeNull();
    expect(await auth.authenticate({ headers: { authorization: 'Bearer', cookie } }, now)).toBeNull();
    expect(await auth.authenticate({ headers: { authorization: 'Basic YTpi', cookie } }, now)).toBeNull();
    // A JWT when Cognito is not configured is nobody.
    expect(await auth.authenticate({ headers: { authorization: 'Bearer a.b.c' } }, now)).toBeNull();
  });

  it('parses the Authorization header', () => {
    expect(bearerToken({})).toBeUndefined();
    expect(bearerToken({ Authorization: 'bearer  abc ' })).toBe('abc');
    expect(bearerToken({ authorization: 'Bearer a b' })).toBe('');
  });
});

describe('with Cognito (loopback)', () => {
  let cognito: FakeCognito;
  beforeAll(async () => {
    cognito = await new FakeCognito().start();
  });
  afterAll(async () => {
    await cognito.stop();
  });

  const authenticator = async () => {
    const config = cognito.config();
    return createAuthenticator({ clients: await freshStores(), cognito: { ...config, verifier: createCognitoVerifier(config, { jwksCache: cognito.jwksCache() }) } });
  };

  it('accepts a Cognito access token as Bearer', async () => {
    const auth = await authenticator();
    const token = cognito.accessToken({ username: 'bt-bao', groups: ['editor-newspaper'] });
    expect(await auth.authenticate({ headers: { authorization: `Bearer ${token}` } }, now)).toEqual({
      principal: { userId: 'bt-bao', name: 'bt-bao', role: 'editor-newspaper', agencyId: null, via: 'token' },
    });
    const forged = cognito.accessToken({ username: 'x', groups: ['admin'], key: cognito.foreignKey.privateKey });
    expect(await auth.authenticate({ headers: { authorization: `Bearer ${forged}` } }, now)).toBeNull();
  });

  it('runs the browser flow: redirect, callback, code exchange with PKCE, a session cookie', async () => {
    const auth = await authenticator();
    const begun = auth.beginCognitoSignIn('/desks/tv')!;
    const url = new URL(begun.location);
    expect(url.origin).toBe(cognito.origin);
    // The user signs in at Cognito, which remembers the challenge with the code it hands back.
    cognito.codes.set('code-1', { groups: ['agency', 'agency:so-tu-phap'], username: 'cb-tuphap', name: 'Cán bộ Sở Tư pháp', challenge: url.searchParams.get('code_challenge')! });
    const done = await auth.completeCognitoSignIn({ code: 'code-1', state: url.searchParams.get('state')!, cookies: [cookieOf(begun.setCookie)] }, new Date());
    if (!done.ok) throw new Error(done.detail);
    expect(done.next).toBe('/desks/tv');
    expect(done.principal).toEqual({ userId: 'cb-tuphap', name: 'Cán bộ Sở Tư pháp', role: 'agency', agencyId: 'so-tu-phap', via: 'session' });
    expect(done.setCookies[0]).toMatch(/^cchc_oauth=; Path=\/auth; Max-Age=0/);
    const session = done.setCookies.find((c) => c.startsWith('cchc_session='))!;
    expect(session).toContain('Secure');
    const seen = await auth.authenticate({ headers: {}, cookies: [cookieOf(session)] }, new Date());
    expect(seen?.principal).toEqual(done.principal);
    expect(seen?.session?.csrfToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a callback without the matching state cookie, a reused code, and a user in no role group', async () => {
    const auth = await authenticator();
    const begun = auth.beginCognitoSignIn('//evil.example')!;
    const state = new URL(begun.location).searchParams.get('state')!;
    cognito.codes.set('code-2', { groups: ['admin'], username: 'qt' });
    const noCookie = await auth.completeCognitoSignIn({ code: 'code-2', state, cookies: [] }, new Date());
    expect(noCookie).toMatchObject({ ok: false, message: 'Không đăng nhập được. Vui lòng thử lại.', detail: 'state cookie missing or not matching' });
    const wrongState = await auth.completeCognitoSignIn({ code: 'code-2', state: 'forged', cookies: [cookieOf(begun.setCookie)] }, new Date());
    expect(wrongState.ok).toBe(false);

    const ok = await auth.completeCognitoSignIn({ code: 'code-2', state, cookies: [cookieOf(begun.setCookie)] }, new Date());
    expect(ok).toMatchObject({ ok: true, next: '/' }); // the foreign next was dropped
    const reused = await auth.completeCognitoSignIn({ code: 'code-2', state, cookies: [cookieOf(begun.setCookie)] }, new Date());
    expect(reused).toMatchObject({ ok: false, detail: 'token endpoint answered 400: invalid_grant' });

    cognito.codes.set('code-3', { groups: ['staff'], username: 'nobody' });
    const noRole = await auth.completeCognitoSignIn({ code: 'code-3', state, cookies: [cookieOf(begun.setCookie)] }, new Date());
    expect(noRole).toMatchObject({ ok: false, message: 'Tài khoản của bạn chưa được phân quyền. Vui lòng liên hệ quản trị hệ thống.' });
  });

  it('has no Cognito flow when Cognito is not configured', async () => {
    const auth = createAuthenticator({ clients: await freshStores(), users });
    expect(auth.beginCognitoSignIn('/')).toBeNull();
    expect((await auth.completeCognitoSignIn({ code: 'x', state: 'y', cookies: [] }, now)).ok).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoExchangeError,
  beginCognitoSignIn,
  cognitoConfigSchema,
  cognitoSignOutUrl,
  createCognitoVerifier,
  exchangeCode,
  principalFromCognitoClaims,
  readOauthState,
} from '../../shared/auth/cognito';
import { FakeCognito, CLIENT_ID, USER_POOL_ID } from './cognito-fixture';

const claims = (groups: unknown, extra: Record<string, unknown> = {}) => ({ username: 'nguyenvana', sub: 'sub-1', 'cognito:groups': groups, ...extra });

describe('claims → principal', () => {
  it.each([
    [['editor-newspaper'], { role: 'editor-newspaper', agencyId: null }],
    [['editor-tv'], { role: 'editor-tv', agencyId: null }],
    [['home-affairs'], { role: 'home-affairs', agencyId: null }],
    [['admin'], { role: 'admin', agencyId: null }],
    [['agency', 'agency:so-tu-phap'], { role: 'agency', agencyId: 'so-tu-phap' }],
    [['agency:so-tu-phap', 'agency'], { role: 'agency', agencyId: 'so-tu-phap' }],
    // Several role groups: the most trusted wins (admin > home-affairs > editors > agency).
    [['editor-tv', 'admin'], { role: 'admin', agencyId: null }],
    [['agency', 'agency:so-tu-phap', 'home-affairs'], { role: 'home-affairs', agencyId: null }],
    [['some-other-group', 'editor-tv'], { role: 'editor-tv', agencyId: null }],
  ])('%j → %j', (groups, expected) => {
    expect(principalFromCognitoClaims(claims(groups))).toEqual({ userId: 'nguyenvana', name: 'nguyenvana', via: 'token', ...expected });
  });

  it.each([
    ['no groups claim', undefined],
    ['not an array', 'admin'],
    ['no role group', ['agency:so-tu-phap', 'staff']],
    ['agency without its agency group', ['agency']],
    ['agency with two agencies', ['agency', 'agency:so-tu-phap', 'agency:so-noi-vu']],
    ['agency id not a slug', ['agency', 'agency:Sở Tư pháp']],
    ['agency id empty', ['agency', 'agency:']],
    ['role names are case sensitive', ['Admin']],
  ])('refuses %s', (_name, groups) => {
    expect(principalFromCognitoClaims(claims(groups))).toBeNull();
  });

  it('takes the user id from username, cognito:username or sub, and the name when given', () => {
    expect(principalFromCognitoClaims({ 'cognito:username': 'x', 'cognito:groups': ['admin'] })?.userId).toBe('x');
    expect(principalFromCognitoClaims({ sub: 's', 'cognito:groups': ['admin'] })?.userId).toBe('s');
    expect(principalFromCognitoClaims({ 'cognito:groups': ['admin'] })).toBeNull();
    expect(principalFromCognitoClaims(claims(['admin'], { name: 'Nguyễn Văn A' }), { via: 'session' })).toMatchObject({ name: 'Nguyễn Văn A', via: 'session' });
  });
});

describe('configuration', () => {
  it('validates the pool id and URLs and defaults the scopes', () => {
    const parsed = cognitoConfigSchema.parse({ userPoolId: USER_POOL_ID, clientId: 'c', domainUrl: 'https://x.auth.ap-southeast-1.amazoncognito.com', redirectUri: 'https://cchc.example/auth/callback' });
    expect(parsed.scopes).toEqual(['openid', 'profile']);
    expect(cognitoConfigSchema.safeParse({ ...parsed, userPoolId: 'eu_bad' }).success).toBe(false);
    expect(cognitoConfigSchema.safeParse({ ...parsed, domainUrl: 'not a url' }).success).toBe(false);
  });
});

describe('against a loopback Cognito', () => {
  let cognito: FakeCognito;
  beforeAll(async () => {
    cognito = await new FakeCognito().start();
  });
  afterAll(async () => {
    await cognito.stop();
  });

  describe('access tokens', () => {
    it('verifies a valid access token (signature from the fetched JWKS, issuer, client, use) and maps its groups', async () => {
      const verifier = createCognitoVerifier(cognito.config(), { jwksCache: cognito.jwksCache() });
      const before = cognito.jwksFetches;
      const token = cognito.accessToken({ username: 'cb-tuphap', groups: ['agency', 'agency:so-tu-phap'] });
      expect(await verifier.verifyAccessToken(token)).toEqual({
        userId: 'cb-tuphap', name: 'cb-tuphap', role: 'agency', agencyId: 'so-tu-phap', via: 'token',
      });
      expect(await verifier.verifyAccessToken(cognito.accessToken({ username: 'bt', groups: ['editor-tv'] }))).toMatchObject({ role: 'editor-tv' });
      expect(cognito.jwksFetches - before).toBe(1); // cached after the first
    });

    it.each([
      ['expired', { claims: { exp: Math.floor(Date.now() / 1000) - 60 } }],
      ['another app client', { claims: { client_id: 'someone-else' } }],
      ['another pool', { claims: { iss: 'https://cognito-idp.ap-southeast-1.amazonaws.com/ap-southeast-1_Other' } }],
      ['an ID token used as Bearer', { claims: { token_use: 'id' } }],
      ['in no role group', { groups: ['staff'] }],
    ])('refuses a token that is %s', async (_name, variant) => {
      const verifier = createCognitoVerifier(cognito.config(), { jwksCache: cognito.jwksCache() });
      const token = cognito.accessToken({ username: 'x', groups: ['admin'], ...variant });
      expect(await verifier.verifyAccessToken(token)).toBeNull();
    });

    it('refuses a forged signature, a tampered payload and garbage', async () => {
      const verifier = createCognitoVerifier(cognito.config(), { jwksCache: cognito.jwksCache() });
      const forged = cognito.accessToken({ username: 'x', groups: ['admin'], key: cognito.foreignKey.privateKey });
      expect(await verifier.verifyAccessToken(forged)).toBeNull();
      const [head, , sig] = cognito.accessToken({ username: 'x', groups: ['editor-tv'] }).split('.');
      const body = Buffer.from(JSON.stringify({ username: 'x', 'cognito:groups': ['admin'], token_use: 'access', client_id: CLIENT_ID })).toString('base64url');
      expect(await verifier.verifyAccessToken(`${head}.${body}.${sig}`)).toBeNull();
      expect(await verifier.verifyAccessToken('not-a-jwt')).toBeNull();
    });

    it('takes the display name from a verified ID token at sign-in', async () => {
      const verifier = createCognitoVerifier(cognito.config(), { jwksCache: cognito.jwksCache() });
      const iat = Math.floor(Date.now() / 1000);
      const accessToken = cognito.accessToken({ username: 'nva', groups: ['home-affairs'] });
      const idToken = cognito.idToken({ username: 'nva', groups: ['home-affairs'], name: 'Nguyễn Văn A', iat });
      expect(await verifier.verifySignIn({ accessToken, idToken })).toEqual({
        userId: 'nva', name: 'Nguyễn Văn A', role: 'home-affairs', agencyId: null, via: 'session',
      });
      expect(await verifier.verifySignIn({ accessToken, idToken: 'bad' })).toMatchObject({ name: 'nva' });
      expect(await verifier.verifySignIn({ accessToken: idToken, idToken })).toBeNull();
    });
  });

  describe('the code exchange', () => {
    it('posts the code, redirect URI and PKCE verifier as a form and returns the tokens', async () => {
      cognito.codes.set('good-code', { groups: ['admin'], username: 'qt' });
      const tokens = await exchangeCode({ config: cognito.config(), code: 'good-code', codeVerifier: 'v'.repeat(43) });
      expect(tokens.accessToken.split('.')).toHaveLength(3);
      expect(tokens.idToken?.split('.')).toHaveLength(3);
      expect(tokens.expiresIn).toBe(3600);
      const sent = cognito.tokenRequests.at(-1)!;
      expect(sent.contentType).toBe('application/x-www-form-urlencoded');
      expect(Object.fromEntries(sent.body)).toEqual({
        grant_type: 'authorization_code', client_id: CLIENT_ID, code: 'good-code', redirect_uri: 'http://127.0.0.1:3000/auth/callback', code_verifier: 'v'.repeat(43),
      });
      expect(sent.authorization).toBeUndefined();
    });

    it('authenticates a confidential client with HTTP Basic', async () => {
      cognito.codes.set('code-2', { groups: ['admin'], username: 'qt' });
      await exchangeCode({ config: cognito.config({ clientSecret: 's3cr:t' }), code: 'code-2' });
      expect(cognito.tokenRequests.at(-1)!.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:s3cr%3At`).toString('base64')}`);
    });

    it('reports a refused code by its OAuth error, without the code', async () => {
      const error = await exchangeCode({ config: cognito.config(), code: 'used-code' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CognitoExchangeError);
      expect((error as CognitoExchangeError).message).toBe('token endpoint answered 400: invalid_grant');
      expect((error as CognitoExchangeError).status).toBe(400);
    });

    it('gives up after its timeout', async () => {
      const started = Date.now();
      await expect(exchangeCode({ config: cognito.config(), code: 'slow', timeoutMs: 200 })).rejects.toThrow('token endpoint timed out');
      expect(Date.now() - started).toBeLessThan(2000);
    });

    it('refuses a 200 without tokens, and an unreachable endpoint', async () => {
      await expect(exchangeCode({ config: cognito.config(), code: 'garbage' })).rejects.toThrow('token endpoint answered without tokens');
      await expect(exchangeCode({ config: cognito.config({ domainUrl: 'http://127.0.0.1:1' }), code: 'x' })).rejects.toThrow(/unreachable/);
    });

    it('uses an injected fetch', async () => {
      const calls: string[] = [];
      const fake = (async (url: URL | string) => {
        calls.push(String(url));
        return new Response(JSON.stringify({ access_token: 'a.b.c', expires_in: 60 }), { status: 200 });
      }) as typeof fetch;
      expect(await exchangeCode({ config: cognito.config({ domainUrl: 'https://pool.auth.example' }), code: 'c', fetch: fake })).toEqual({ accessToken: 'a.b.c', expiresIn: 60 });
      expect(calls).toEqual(['https://pool.auth.example/oauth2/token']);
    });
  });
});

describe('the managed-login redirect', () => {
  const config = { userPoolId: USER_POOL_ID, clientId: CLIENT_ID, domainUrl: 'https://cchc.auth.ap-southeast-1.amazoncognito.com', redirectUri: 'https://cchc.example/auth/callback' };

  it('redirects to /oauth2/authorize with state and an S256 challenge, and keeps state, verifier and next in a Lax cookie', async () => {
    const { location, setCookie } = beginCognitoSignIn(config, '/desks/tv');
    const url = new URL(location);
    expect(url.origin + url.pathname).toBe('https://cchc.auth.ap-southeast-1.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ response_type: 'code', client_id: CLIENT_ID, redirect_uri: config.redirectUri, scope: 'openid profile', code_challenge_method: 'S256' });
    expect(setCookie).toMatch(/^cchc_oauth=[^;]+; Path=\/auth; Max-Age=600; HttpOnly; Secure; SameSite=Lax$/);
    const cookie = setCookie.split(';')[0]!;
    const state = readOauthState(cookie, url.searchParams.get('state'));
    expect(state?.next).toBe('/desks/tv');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(state!.codeVerifier).digest('base64url')).toBe(url.searchParams.get('code_challenge'));
    expect(readOauthState(cookie, 'other-state')).toBeNull();
    expect(readOauthState(undefined, url.searchParams.get('state'))).toBeNull();
    expect(readOauthState('cchc_oauth=a.b', 'a')).toBeNull();
  });

  it('builds the logout URL', () => {
    expect(cognitoSignOutUrl(config, 'https://cchc.example/')).toBe(
      `https://cchc.auth.ap-southeast-1.amazoncognito.com/logout?client_id=${CLIENT_ID}&logout_uri=https%3A%2F%2Fcchc.example%2F`,
    );
  });
});

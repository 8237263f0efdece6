import { describe, expect, it } from 'vitest';
import { checkCsrf, checkStateChange, isSameOriginRequest } from '../../shared/auth/csrf';

const session = { csrfToken: 'k3J9x2_token-value-of-the-session-000000000' };
const host = { host: '127.0.0.1:3000' };

describe('the synchronizer token', () => {
  it('accepts the session token and nothing else', () => {
    expect(checkCsrf(session, session.csrfToken)).toBe(true);
    expect(checkCsrf(session, `${session.csrfToken}x`)).toBe(false);
    expect(checkCsrf(session, session.csrfToken.slice(1))).toBe(false);
    expect(checkCsrf(session, '')).toBe(false);
    expect(checkCsrf(session, undefined)).toBe(false);
    expect(checkCsrf(session, ['a'])).toBe(false);
    expect(checkCsrf(null, session.csrfToken)).toBe(false);
    expect(checkCsrf({ csrfToken: '' }, '')).toBe(false);
  });
});

describe('the origin check (defence in depth)', () => {
  it.each([
    [{ ...host, 'sec-fetch-site': 'same-origin' }, true],
    [{ ...host, 'sec-fetch-site': 'none' }, true],
    [{ ...host, 'sec-fetch-site': 'cross-site', origin: 'http://127.0.0.1:3000' }, false],
    [{ ...host, 'sec-fetch-site': 'same-site' }, false],
    [{ ...host, origin: 'http://127.0.0.1:3000' }, true],
    [{ ...host, Origin: 'https://evil.example' }, false],
    [{ ...host, origin: 'null' }, false],
    [{ ...host, origin: 'not a url' }, false],
    [{ origin: 'http://127.0.0.1:3000' }, false],
    [{ ...host }, true],
  ])('%j → %s', (headers, expected) => {
    expect(isSameOriginRequest(headers)).toBe(expected);
  });

  it('accepts a configured public origin (behind a proxy whose Host differs)', () => {
    const headers = { host: 'abc.execute-api.ap-southeast-1.amazonaws.com', origin: 'https://cchc.binhdinh.gov.vn' };
    expect(isSameOriginRequest(headers)).toBe(false);
    expect(isSameOriginRequest(headers, { allowedOrigins: ['https://cchc.binhdinh.gov.vn'] })).toBe(true);
  });
});

describe('a state-changing request', () => {
  const sameOrigin = { ...host, 'sec-fetch-site': 'same-origin' };
  it('passes safe methods and Bearer requests without a token', () => {
    expect(checkStateChange({ method: 'GET', headers: { 'sec-fetch-site': 'cross-site' }, via: 'session', session })).toEqual({ ok: true });
    expect(checkStateChange({ method: 'POST', headers: { 'sec-fetch-site': 'cross-site' }, via: 'token' })).toEqual({ ok: true });
  });

  it('needs same origin and the session token for a browser POST', () => {
    expect(checkStateChange({ method: 'POST', headers: sameOrigin, via: 'session', session, submittedToken: session.csrfToken })).toEqual({ ok: true });
    expect(checkStateChange({ method: 'put', headers: { ...sameOrigin, 'X-CSRF-Token': session.csrfToken }, via: 'session', session })).toEqual({ ok: true });
    expect(checkStateChange({ method: 'POST', headers: sameOrigin, via: 'session', session, submittedToken: 'wrong' })).toEqual({ ok: false, reason: 'csrf-token' });
    expect(checkStateChange({ method: 'DELETE', headers: sameOrigin, via: 'session', session })).toEqual({ ok: false, reason: 'csrf-token' });
    expect(
      checkStateChange({ method: 'POST', headers: { ...host, 'sec-fetch-site': 'cross-site' }, via: 'session', session, submittedToken: session.csrfToken }),
    ).toEqual({ ok: false, reason: 'cross-site' });
    expect(checkStateChange({ method: 'POST', headers: sameOrigin, via: null, session: null, submittedToken: 'x' })).toEqual({ ok: false, reason: 'csrf-token' });
  });
});

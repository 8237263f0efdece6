import { describe, expect, it } from 'vitest';
import * as cheerio from 'cheerio';
import { renderSignInPage } from '../../shared/web/pages/signin';
import { isSafeNextPath, safeNextPath } from '../../shared/auth/next-path';

describe('the open-redirect guard', () => {
  it.each(['/', '/desks/newspaper', '/stories/abc?x=1&y=%2F%2Fevil', '/desks/tv#plan', '/a//b'])('keeps the local path %s', (path) => {
    expect(isSafeNextPath(path)).toBe(true);
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    '//evil.example',
    '//evil.example/desks',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/x\\y',
    '/ /evil',
    'https://evil.example',
    'javascript:alert(1)',
    'desks/tv',
    '',
    `/${'a'.repeat(3000)}`,
    undefined,
    null,
    42,
  ])('refuses %j and falls back to /', (value) => {
    expect(isSafeNextPath(value)).toBe(false);
    expect(safeNextPath(value)).toBe('/');
  });
});

describe('the sign-in page', () => {
  it('is Vietnamese, with labelled inputs, a submit button, an alert region and next in a hidden field', () => {
    const $ = cheerio.load(renderSignInPage({ next: '/desks/newspaper' }));
    expect($('html').attr('lang')).toBe('vi');
    expect($('title').text()).toContain('Đăng nhập');
    const form = $('form[method="post"]');
    expect(form.attr('action')).toBe('/auth/signin');
    expect($(`label[for="${$('input[name="username"]').attr('id')}"]`).text()).toBe('Tên đăng nhập');
    expect($(`label[for="${$('input[name="password"]').attr('id')}"]`).text()).toBe('Mật khẩu');
    expect($('input[name="password"]').attr('type')).toBe('password');
    expect($('input[name="password"]').attr('autocomplete')).toBe('current-password');
    expect(form.find('button[type="submit"]').text()).toBe('Đăng nhập');
    expect($('[role="alert"]')).toHaveLength(1);
    expect($('[role="alert"]').text()).toBe('');
    expect($('input[type="hidden"][name="next"]').val()).toBe('/desks/newspaper');
  });

  it('shows the error in the alert region and keeps the typed username, escaped', () => {
    const page = renderSignInPage({ error: 'Tên đăng nhập hoặc mật khẩu không đúng.', username: '"><script>alert(1)</script>' });
    expect(page).not.toContain('<script>');
    const $ = cheerio.load(page);
    expect($('[role="alert"]').text()).toBe('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect($('input[name="username"]').val()).toBe('"><script>alert(1)</script>');
    expect($('input[name="username"]').attr('aria-describedby')).toBe('signin-error');
  });

  it('escapes an error message and never renders a foreign next path', () => {
    const page = renderSignInPage({ error: '<img src=x onerror=alert(1)>', next: '//evil.example' });
    expect(page).not.toContain('<img');
    const $ = cheerio.load(page);
    expect($('[role="alert"]').text()).toBe('<img src=x onerror=alert(1)>');
    expect($('input[name="next"]').val()).toBe('/');
    expect(renderSignInPage({ next: '/x"><b>y' })).not.toContain('"><b>');
  });

  it('links to Cognito instead of the form in AWS', () => {
    const $ = cheerio.load(renderSignInPage({ cognitoPath: '/auth/signin?via=cognito&next=%2Fdesks%2Ftv' }));
    expect($('form')).toHaveLength(0);
    expect($('a.button').attr('href')).toBe('/auth/signin?via=cognito&next=%2Fdesks%2Ftv');
    expect($('a.button').text()).toBe('Đăng nhập bằng tài khoản được cấp');
  });
});

/** Signs in through the real sign-in form and keeps the session cookie and CSRF token, as a browser would. */
export interface TestSession {
  cookie: string;
  csrf: string;
  /** fetch with the session cookie; form posts get the CSRF token added. */
  get(path: string): Promise<Response>;
  post(path: string, fields: Record<string, string | string[]>): Promise<Response>;
}

export async function signIn(baseUrl: string, username: string, password: string): Promise<TestSession> {
  const response = await fetch(`${baseUrl}/auth/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl },
    body: new URLSearchParams({ username, password, next: '/' }),
    redirect: 'manual',
  });
  if (response.status !== 303) throw new Error(`sign-in as ${username} answered ${response.status}`);
  const cookie = response.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ');
  const home = await (await fetch(`${baseUrl}/`, { headers: { cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(home)?.[1];
  if (!csrf) throw new Error('no CSRF token on the home page');
  return {
    cookie,
    csrf,
    get: (path) => fetch(`${baseUrl}${path}`, { headers: { cookie }, redirect: 'manual' }),
    post: (path, fields) => {
      const body = new URLSearchParams({ _csrf: csrf });
      for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) body.append(name, one);
      return fetch(`${baseUrl}${path}`, { method: 'POST', headers: { cookie, origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' }, body, redirect: 'manual' });
    },
  };
}

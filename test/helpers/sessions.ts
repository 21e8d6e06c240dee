import type { Stack } from './stack.js';

/** A signed-in browser, over HTTP: the cookie to send and the CSRF token its writes must echo. */
export interface SignedIn {
  cookie: string;
  csrfToken: string;
  /** Headers for a request with this session; writes carry the CSRF token. */
  headers(write?: boolean): Record<string, string>;
}

/** Signs in with email and password through POST /v1/session, as the browser does. */
export async function signInOverHttp(app: Stack['app'], credentials: { email: string; password: string }): Promise<SignedIn> {
  const response = await app.inject({ method: 'POST', url: '/v1/session', payload: { email: credentials.email, password: credentials.password } });
  if (response.statusCode !== 200) throw new Error(`sign-in answered ${response.statusCode}: ${response.body}`);
  return sessionFrom(response);
}

export function sessionFrom(response: { cookies: Array<{ name: string; value: string }>; json(): any }): SignedIn {
  const value = response.cookies.find((c) => c.name === 'dropline_session')!.value;
  const cookie = `dropline_session=${value}`;
  const csrfToken = response.json().csrfToken as string;
  return { cookie, csrfToken, headers: (write = false) => ({ cookie, ...(write ? { 'x-csrf-token': csrfToken } : {}) }) };
}

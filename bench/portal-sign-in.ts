// Signs in to the portal through Auth.js's credentials endpoint, as the login form does (its
// CSRF cookie and token, then the form post), and returns the Cookie header of that session,
// checked by one portal call. For benches that load the portal's own tRPC endpoints.
const cookiesOf = (response: Response) => response.headers.getSetCookie().map((c) => c.split(";")[0]!);

export async function signInCookie(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const body = new URLSearchParams({ email, password, csrfToken, callbackUrl: "/customers" });
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, { method: "POST", body, headers: { cookie: jar.join("; ") }, redirect: "manual" });
  const cookie = [...jar, ...cookiesOf(signIn)].join("; ");
  if (!/session-token=/.test(cookie)) throw new Error(`sign-in as ${email} failed (HTTP ${signIn.status}, no session cookie)`);
  const check = await fetch(`${base}/api/trpc/session.me?batch=1&input=${encodeURIComponent("{}")}`, { headers: { cookie } });
  if (check.status !== 200) throw new Error(`the portal does not accept the session of ${email} (HTTP ${check.status})`);
  return cookie;
}

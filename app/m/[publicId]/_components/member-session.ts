// The member session as the page keeps it: in localStorage, one per business (a customer may
// be a member of several shops), until it expires, they sign out, or the API says it expired.
export type StoredSession = { token: string; expiresAt: string | null };

const keyOf = (publicId: string) => `loyalty-member:${publicId}`;

export function readSession(publicId: string): StoredSession | null {
  try {
    const stored = JSON.parse(localStorage.getItem(keyOf(publicId)) ?? "null") as StoredSession | null;
    if (!stored || typeof stored.token !== "string") return null;
    if (stored.expiresAt && new Date(stored.expiresAt).getTime() <= Date.now()) return clearSession(publicId);
    return stored;
  } catch {
    return null;
  }
}

export function saveSession(publicId: string, session: StoredSession): void {
  try {
    localStorage.setItem(keyOf(publicId), JSON.stringify(session));
  } catch {
    // Private mode with storage off: the session lasts as long as the page.
  }
}

export function clearSession(publicId: string): null {
  try {
    localStorage.removeItem(keyOf(publicId));
  } catch {}
  return null;
}

// #link=<token> (a store's or till's sign-in link) or #token=<store token>, then taken out of
// the address bar so it is neither bookmarked nor shared by accident.
export function takeFragment(): { link?: string; token?: string } {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const found = { link: params.get("link") ?? undefined, token: params.get("token") ?? undefined };
  if (found.link || found.token) history.replaceState(history.state, "", window.location.pathname + window.location.search);
  return found;
}

export type ApiAnswer = { ok: true; data: Record<string, unknown> } | { ok: false; error: string; code: string };

export async function postWidget(publicId: string, path: string, body: unknown): Promise<ApiAnswer> {
  try {
    const response = await fetch(`/api/widget/v1/${publicId}/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const json = (await response.json()) as { success: boolean; data?: Record<string, unknown>; error?: string; code?: string };
    return json.success ? { ok: true, data: json.data ?? {} } : { ok: false, error: json.error ?? "Something went wrong.", code: json.code ?? "INTERNAL" };
  } catch {
    return { ok: false, error: "We could not reach the server. Check your connection and try again.", code: "NETWORK" };
  }
}

export type MemberState = { phase: "signed-in"; session: StoredSession } | { phase: "signed-out"; notice: string | null };

// Where the page starts: a sign-in link exchanged for a session, a store's own token (the
// widget API verifies it on each call), the session kept from before, or signed out; a link
// that is refused leaves its reason to show.
export async function openSession(publicId: string, refusal: (answer: { code: string; error: string }) => string): Promise<MemberState> {
  const { link, token } = takeFragment();
  let session: StoredSession | null = null;
  if (link) {
    const answer = await postWidget(publicId, "member/session", { link });
    if (!answer.ok) return { phase: "signed-out", notice: refusal(answer) };
    session = { token: String(answer.data.token), expiresAt: String(answer.data.expiresAt) };
  } else if (token) session = { token, expiresAt: null };
  if (session) saveSession(publicId, session);
  session ??= readSession(publicId);
  return session ? { phase: "signed-in", session } : { phase: "signed-out", notice: null };
}

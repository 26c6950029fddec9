// The widget API client: no cookies (credentials "omit": the customer is who the store's token
// says, never whoever is signed in to our portal in the same browser), the token as a Bearer
// header, and every failure turned into one ApiError with the API's code and sentence.
import type { Member, Page, Program, Redemption, Referral, Reward, Entry, RedeemAnswer } from "./types";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export type Api = ReturnType<typeof apiClient>;

export function apiClient(origin: string, publicId: string, token: string | null) {
  const base = `${origin}/api/widget/v1/${encodeURIComponent(publicId)}`;
  async function call<T>(path: string, init: { method?: string; headers?: Record<string, string> } = {}, withToken = true): Promise<T> {
    const headers: Record<string, string> = { ...init.headers };
    if (withToken && token) headers.Authorization = `Bearer ${token}`;
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, { method: init.method ?? "GET", headers, credentials: "omit", mode: "cors" });
    } catch {
      // A page on an origin the owner didn't allow gets a 403 without CORS headers, which a
      // page can't tell from no network. An opaque request (no-cors, no headers) resolves only
      // if our server answered: then it was the origin that was refused.
      const reached = await fetch(`${base}/program`, { mode: "no-cors", credentials: "omit" }).then(() => true, () => false);
      throw new ApiError(0, reached ? "ORIGIN_NOT_ALLOWED" : "NETWORK", "");
    }
    const body = (await response.json().catch(() => null)) as { success?: boolean; data?: T; error?: string; code?: string } | null;
    if (!response.ok || !body?.success) {
      throw new ApiError(response.status, body?.code ?? `HTTP_${response.status}`, typeof body?.error === "string" ? body.error : "");
    }
    return body.data as T;
  }
  return {
    program: () => call<Program>("/program", {}, false),
    me: () => call<Member>("/me"),
    rewards: () => call<Page<Reward>>("/rewards?perPage=20"),
    history: () => call<Page<Entry>>("/history?perPage=5"),
    redemptions: () => call<Page<Redemption>>("/redemptions?perPage=5"),
    referral: () => call<Referral>("/referral"),
    redeem: (rewardId: string, idempotencyKey: string) =>
      call<RedeemAnswer>(`/rewards/${encodeURIComponent(rewardId)}/redeem`, { method: "POST", headers: { "Idempotency-Key": idempotencyKey } }),
  };
}

// The origin widget.js itself came from: the default API origin.
export function scriptOrigin(script: HTMLOrSVGScriptElement | null): string {
  const src = script instanceof HTMLScriptElement ? script.src : "";
  try {
    return new URL(src).origin;
  } catch {
    return location.origin;
  }
}

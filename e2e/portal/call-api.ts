// The public API called with a Bearer key, answering the status and the parsed envelope.
import type { APIRequestContext } from "@playwright/test";

export async function callApi(request: APIRequestContext, key: string, path: string, body?: unknown) {
  const headers = { authorization: `Bearer ${key}` };
  const response = body === undefined ? await request.get(path, { headers }) : await request.post(path, { headers, data: body });
  return { status: response.status(), json: (await response.json()) as { success: boolean; data?: Record<string, unknown>; code?: string } };
}

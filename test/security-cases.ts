// The security cases every public route must pass (house style: unkey's common tests).
// `request` builds a valid call for the given business; `foreign` (for routes that name an
// object) builds a call from business B at business A's object, which must be a 404.
import { expect, it } from "vitest";
import { revokeApiKey } from "../server/api-keys/manage-api-keys";
import type { ApiKeyScope } from "../server/api-keys/api-key-scopes";
import { db } from "../server/db/client";
import { makeBusiness } from "./fixtures";
import { call, createKey, type CallOptions } from "./api";

type Handler = Parameters<typeof call>[1];

export type SecuritySpec = {
  method: string;
  handler: Handler;
  scope: ApiKeyScope;
  // A valid call's options (minus the key) for a fresh business.
  request: (business: { id: string }) => Promise<CallOptions> | CallOptions;
  // Options for a call by another business that names this business's object; expect 404.
  foreign?: (owner: { id: string }) => Promise<CallOptions>;
};

export function securityCases(spec: SecuritySpec) {
  const otherScope: ApiKeyScope = spec.scope === "webhooks:manage" ? "points:read" : "webhooks:manage";

  it("401 without an API key", async () => {
    const { business } = await makeBusiness();
    const res = await call(spec.method, spec.handler, { ...(await spec.request(business)), key: null });
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ success: false, code: "UNAUTHORIZED" });
    expect(res.json.error).toMatch(/API key/);
  });

  it("401 with a wrong API key", async () => {
    const { business } = await makeBusiness();
    const res = await call(spec.method, spec.handler, { ...(await spec.request(business)), key: "ll_live_thisIsNotAKeyThatExists000000000" });
    expect(res.status).toBe(401);
  });

  it("401 with a revoked API key", async () => {
    const { business, actor } = await makeBusiness();
    const { id, key } = await createKey(business.id);
    await revokeApiKey(db, actor, { id });
    const res = await call(spec.method, spec.handler, { ...(await spec.request(business)), key });
    expect(res.status).toBe(401);
    expect(res.json.code).toBe("UNAUTHORIZED");
  });

  it(`403 for a key without the ${spec.scope} scope`, async () => {
    const { business } = await makeBusiness();
    const { key } = await createKey(business.id, { scopes: [otherScope] });
    const res = await call(spec.method, spec.handler, { ...(await spec.request(business)), key });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ code: "FORBIDDEN" });
  });

  if (spec.foreign) {
    const foreign = spec.foreign;
    it("404 for another business's object", async () => {
      const owner = await makeBusiness();
      const intruder = await makeBusiness();
      const { key } = await createKey(intruder.business.id);
      const res = await call(spec.method, spec.handler, { ...(await foreign(owner.business)), key });
      expect(res.status).toBe(404);
      expect(res.json.success).toBe(false);
    });
  }
}

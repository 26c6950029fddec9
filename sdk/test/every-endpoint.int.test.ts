// The SDK against the real app over HTTP: every operation in the OpenAPI document is called
// once through it (a new endpoint without a call here fails the coverage check), and what the
// calls did is in the database.
import { describe, expect, it } from "vitest";
import { db } from "@/server/db/client";
import { openApiDocument } from "@/server/rest/openapi";
import { updateWidgetSettings } from "@/server/widget/manage-widget-settings";
import { businessWithKey } from "@/test/api";
import { startApiServer } from "@/test/api-http-server";
import { LoyaltyLedger } from "../src/index.js";
import { callEveryEndpoint } from "./call-every-endpoint.js";

const METHODS = ["get", "post", "put", "patch", "delete"];

const documentedOperations = () =>
  Object.entries(openApiDocument().paths ?? {})
    .flatMap(([path, item]) => Object.keys(item ?? {}).filter((m) => METHODS.includes(m)).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();

describe("the SDK on every endpoint", () => {
  it("calls every documented operation once, each answered 2xx, with idempotency keys filled in on the writes that take one", async () => {
    const { business, actor, key } = await businessWithKey();
    // The member page's sign-in link (POST /customers/{id}/member-link) needs the widget on.
    await updateWidgetSettings(db, actor, { enabled: true });
    const server = await startApiServer();
    const ll = new LoyaltyLedger({ apiKey: key, baseUrl: server.baseUrl });
    const seen = await callEveryEndpoint(ll, { fanOut: () => db.$queryRaw`SELECT ll_fan_out_outbox(500)`.then(() => undefined) });

    const called = [...new Set(server.calls.map((c) => `${c.method} ${c.template}`))].sort();
    expect(called).toEqual(documentedOperations());
    expect(server.calls.filter((c) => c.status >= 300)).toEqual([]);
    expect(seen.document).toMatchObject({ openapi: "3.1.0" });

    const businessId = business.id;
    // The award went out with a key the SDK made (the caller gave none), a UUID.
    const award = await db.ledgerEntry.findFirstOrThrow({ where: { businessId, id: seen.award.transaction.id } });
    expect(award.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const sent = JSON.parse(server.calls.find((c) => c.template === "/points/award")?.body ?? "{}");
    expect(sent.idempotencyKey).toBe(award.idempotencyKey);
    // A caller's own key is kept.
    expect(await db.orderRefund.count({ where: { businessId, idempotencyKey: "refund-SO-1001-1" } })).toBe(1);
    expect(await db.redemption.findFirstOrThrow({ where: { businessId, id: seen.cancelled.id } })).toMatchObject({ status: "CANCELLED" });
    expect(await db.customer.findFirstOrThrow({ where: { businessId, id: seen.ann.id } })).toMatchObject({ externalId: "shop-881", notes: "Prefers oat milk" });
    expect((await db.customer.findFirstOrThrow({ where: { businessId, id: seen.grace.id } })).erasedAt).not.toBeNull();
    expect(await db.webhookEndpoint.count({ where: { businessId } })).toBe(0);
  });
});

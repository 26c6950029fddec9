// The audit trail never stores a secret, whichever writer records it (record-audit.ts or the
// ledger's SQL): the redaction is a trigger on audit_logs (sql/redact-audit-secrets.sql).
import { describe, expect, it } from "vitest";
import { makeBusiness } from "../../test/fixtures";
import { rawPool } from "../../test/test-database";
import { createApiKey } from "../api-keys/create-api-key";
import { revokeApiKey } from "../api-keys/manage-api-keys";
import { createCustomer } from "../customers/create-customer";
import { db } from "../db/client";
import { adjustPoints } from "../ledger";
import { createWebhookEndpoint, deleteWebhookEndpoint } from "../webhooks/manage-webhook-endpoints";
import { recordAudit } from "./record-audit";

const pool = rawPool();

// Read back with a plain query: what is stored, not what an ORM makes of it.
async function auditRows(businessId: string, action: string) {
  const { rows } = await pool.query<{ details: Record<string, unknown>; text: string }>(
    `SELECT details, details::text AS text FROM audit_logs WHERE business_id = $1 AND action = $2 ORDER BY id`, [businessId, action]);
  return rows;
}

describe("audit details", () => {
  it("record a webhook endpoint's URL without its query string, fragment or user info", async () => {
    const { business, actor } = await makeBusiness();
    const url = "https://x.example/hook/7?token=abc123TOKEN&shop=1#sig-frag";
    const { endpoint, secret } = await createWebhookEndpoint(db, actor, { url, events: ["points.earned"] });
    await deleteWebhookEndpoint(db, actor, { id: endpoint.id });
    for (const action of ["webhook.created", "webhook.deleted"]) {
      const [row] = await auditRows(business.id, action);
      // The endpoint code leaves the query out (the trigger would redact it if it came).
      expect(row!.details).toEqual({ url: "https://x.example/hook/7", events: ["points.earned"] });
      expect(row!.text).not.toContain("abc123TOKEN");
      expect(row!.text).not.toContain(secret);
    }
    await recordAudit(db, actor, { action: "test.urls", details: { urls: ["https://ann:pa55word@y.example/a#only-fragment", "see http://localhost:4000/h?k=v then"] } });
    expect((await auditRows(business.id, "test.urls"))[0]!.details).toEqual({ urls: ["https://[redacted]@y.example/a#[redacted]", "see http://localhost:4000/h?[redacted] then"] });
  });

  it("replace values under secret-looking keys, at any depth, and our own keys and secrets anywhere", async () => {
    const { business, actor } = await makeBusiness();
    const { key } = await createApiKey(db, actor, { name: "Till", scopes: ["points:write"] });
    await recordAudit(db, actor, {
      action: "test.secrets",
      details: {
        password: "hunter2-correct-horse", apiKey: { value: key }, nested: [{ Authorization: "Bearer abc", client_secret: "s3", signature: 12, webhookSigningKey: "k" }],
        note: `pasted ${key} and whsec_AAAAbbbbCCCCdddd1234 and Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig`,
        name: "Till", points: 5, fields: ["name", "phone"],
      },
    });
    const [row] = await auditRows(business.id, "test.secrets");
    expect(row!.details).toEqual({
      password: "[redacted]", apiKey: "[redacted]", nested: [{ Authorization: "[redacted]", client_secret: "[redacted]", signature: "[redacted]", webhookSigningKey: "[redacted]" }],
      note: "pasted ll_live_[redacted] and whsec_[redacted] and Bearer [redacted]",
      name: "Till", points: 5, fields: ["name", "phone"],
    });
  });

  it("never hold an API key created or revoked, nor a URL's token in a ledger adjustment's reason", async () => {
    const { business, actor } = await makeBusiness();
    const { apiKey, key } = await createApiKey(db, actor, { name: "Back office", scopes: [] });
    await revokeApiKey(db, actor, { id: apiKey.id });
    const { customer } = await createCustomer(db, actor, { email: "r@example.com", name: "R", initialPoints: 10 });
    await adjustPoints(db, actor, { customerId: customer.id, points: 1, reason: "see https://crm.example/t/9?access_token=zzTOPzz" });
    const { rows } = await pool.query<{ text: string }>(`SELECT details::text AS text FROM audit_logs WHERE business_id = $1`, [business.id]);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(rows.map((r) => r.text).join("\n")).not.toMatch(new RegExp(`${key.slice(8)}|zzTOPzz`));
    expect((await auditRows(business.id, "points.adjusted"))[0]!.details).toMatchObject({ points: 1, reason: "see https://crm.example/t/9?[redacted]" });
  });
});

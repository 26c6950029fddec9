import { describe, expect, it } from "vitest";
import { describeAudit } from "./describe-audit";

describe("describeAudit", () => {
  it("tells points adjustments and reversals with the customer, the signed points and the reason", () => {
    expect(describeAudit({ action: "points.adjusted", targetName: "Grace Hopper", details: { points: 50, reason: "Birthday" } })).toBe("Adjusted Grace Hopper's points by +50: Birthday");
    expect(describeAudit({ action: "points.adjusted", targetName: "Grace Hopper", details: { points: -1200 } })).toBe("Adjusted Grace Hopper's points by −1,200");
    expect(describeAudit({ action: "points.reversed", targetName: "Ada", details: { points: -30, reason: "Wrong till" } })).toBe("Reversed an entry of Ada (−30 points): Wrong till");
  });

  it("names locks, roles and keys in words", () => {
    expect(describeAudit({ action: "customer.blocked", targetName: "Grace Hopper", details: { from: "ACTIVE", to: "BLOCKED" } })).toBe("Locked Grace Hopper");
    expect(describeAudit({ action: "customer.unblocked", targetName: "Grace Hopper", details: null })).toBe("Unlocked Grace Hopper");
    expect(describeAudit({ action: "team.role_changed", targetName: "Sam", details: { from: "STAFF", to: "OWNER" } })).toBe("Changed Sam's role staff → owner");
    expect(describeAudit({ action: "api_key.revoked", targetName: null, details: { name: "Till 2" } })).toBe("Revoked API key “Till 2”");
    expect(describeAudit({ action: "customer.updated", targetName: "Ann", details: { fields: ["email", "externalId"] } })).toBe("Changed Ann's email, external id");
    expect(describeAudit({ action: "points.opening", targetName: "Jo", details: { points: 500, reason: "Paper card moved over" } })).toBe("Gave Jo 500 opening points: Paper card moved over");
    expect(describeAudit({ action: "products.bulk_upserted", targetName: null, details: { created: ["A", "B"], updated: [], unchanged: 3 } })).toBe("Imported products: 2 created, 0 updated");
  });

  it("lists changed settings as field from → to, with labels", () => {
    expect(describeAudit({ action: "settings.updated", targetName: "settings", details: { earnRate: { from: 1, to: 2 }, currency: { from: "USD", to: "EUR" }, pointExpiryDays: { from: 365, to: null } } }))
      .toBe("Changed earn rate 1 → 2, currency USD → EUR, expiry days 365 → none");
    expect(describeAudit({ action: "settings.updated", targetName: "settings", details: { tiers: { from: [{ name: "A" }], to: [{ name: "A" }, { name: "B" }] } } })).toBe("Changed tiers A → A, B");
    expect(describeAudit({ action: "webhook.updated", targetName: "https://x.test/h", details: { headers: { from: { a: 1 }, to: { a: 2 } } } })).toBe("Changed webhook endpoint https://x.test/h: headers");
  });

  it("describes the loyalty widget's settings and secret", () => {
    expect(describeAudit({ action: "widget.updated", targetName: null, details: { enabled: { from: false, to: true }, allowedOrigins: { from: [], to: ["https://shop.example"] } } }))
      .toBe("Changed the loyalty widget: enabled no → yes, allowed origins none → https://shop.example");
    expect(describeAudit({ action: "widget.secret_rotated", targetName: null, details: { previousSecretExpiresAt: "2026-01-02T00:00:00.000Z" } })).toBe("Rotated the loyalty widget's token secret");
  });

  it("says a record is gone when its target no longer exists, and still shows an unknown action's details", () => {
    expect(describeAudit({ action: "customer.blocked", targetName: null, details: {} })).toBe("Locked a deleted record");
    expect(describeAudit({ action: "customer.member_sessions_ended", targetName: "Grace Hopper", details: { linksWithdrawn: 2 } })).toBe(
      "Signed Grace Hopper out of the member page on every phone and withdrew 2 unused sign-in links",
    );
    expect(describeAudit({ action: "customer.member_link_created", targetName: "Grace Hopper", details: { expiresAt: "2026-01-02T03:04:05.000Z" } })).toBe(
      "Made a member page sign-in link for Grace Hopper, valid until 2026-01-02 03:04 UTC",
    );
    expect(describeAudit({ action: "store.updated", targetName: "Main St", details: { active: { from: true, to: false } } })).toBe("Changed store Main St: active yes → no");
    expect(describeAudit({ action: "badge.granted", targetName: null, details: { badge: "VIP", count: 3 } })).toBe("badge.granted (badge VIP, count 3)");
  });
});

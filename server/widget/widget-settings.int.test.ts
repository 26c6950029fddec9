// The owner's widget settings through the portal's router: owners only, validated (https
// origins without paths, #rrggbb colours, short launcher text), audited, and the secret shown
// only by the rotation that made it, never read back.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { callerFor, makePortalBusiness, trpcFailure } from "../trpc/portal-fixtures";

describe("widget settings (owner)", () => {
  it("starts switched off with defaults and an embed code naming the business's public id", async () => {
    const { business, owner } = await makePortalBusiness("widget-get");
    const settings = await callerFor(owner).widget.get({ origin: "https://loyalty.example/settings" });
    const { publicId } = await db.business.findUniqueOrThrow({ where: { id: business.id } });
    expect(publicId).toMatch(/^pub_[0-9a-f]{32}$/);
    expect(settings).toMatchObject({ publicId, enabled: false, allowedOrigins: [], hasSecret: false, primaryColor: "#4f46e5" });
    expect(settings.embedCode).toContain(`data-business="${publicId}"`);
    expect(settings.embedCode).toContain("/widget.js");
  });

  it("saves valid settings (origins normalised), audits the change, and refuses bad ones writing nothing", async () => {
    const { business, owner } = await makePortalBusiness("widget-update");
    const caller = callerFor(owner);
    const saved = await caller.widget.update({ enabled: true, primaryColor: "#A0B1C2", launcherText: "Rewards", allowedOrigins: ["https://Shop.Example/", "http://localhost:3000", "https://shop.example"] });
    expect(saved).toMatchObject({ enabled: true, primaryColor: "#a0b1c2", allowedOrigins: ["https://shop.example", "http://localhost:3000"] });
    const audit = await db.auditLog.findFirstOrThrow({ where: { businessId: business.id, action: "widget.updated" } });
    expect(audit.details).toMatchObject({ enabled: { from: false, to: true } });
    for (const bad of [
      { allowedOrigins: ["http://shop.example"] },
      { allowedOrigins: ["https://shop.example/path"] },
      { allowedOrigins: ["not a url"] },
      { primaryColor: "red" },
      { launcherText: "x".repeat(41) },
      { shareUrl: "javascript:alert(1)" },
      {},
    ]) {
      const error = await trpcFailure(caller.widget.update(bad as never));
      expect(error.code, JSON.stringify(bad)).toBe("BAD_REQUEST");
    }
    const row = await db.widgetSettings.findUniqueOrThrow({ where: { businessId: business.id } });
    expect(row.allowedOrigins).toEqual(["https://shop.example", "http://localhost:3000"]);
    expect(await db.auditLog.count({ where: { businessId: business.id, action: "widget.updated" } })).toBe(1);
  });

  it("shows a new secret once; a rotation keeps the previous one for a day; get never returns it", async () => {
    const { business, owner } = await makePortalBusiness("widget-secret");
    const caller = callerFor(owner);
    const first = await caller.widget.rotateSecret();
    expect(first.secret).toMatch(/^wsec_[\w-]{43}$/);
    expect(first.previousSecretExpiresAt).toBeNull();
    const second = await caller.widget.rotateSecret();
    expect(second.secret).not.toBe(first.secret);
    const row = await db.widgetSettings.findUniqueOrThrow({ where: { businessId: business.id } });
    expect([row.secret, row.previousSecret]).toEqual([second.secret, first.secret]);
    expect(row.previousSecretExpiresAt!.getTime() - row.secretRotatedAt!.getTime()).toBe(24 * 60 * 60 * 1000);
    const view = await caller.widget.get({});
    expect(view.hasSecret).toBe(true);
    expect(JSON.stringify(view)).not.toContain(second.secret);
    const actions = await db.auditLog.findMany({ where: { businessId: business.id, action: { startsWith: "widget.secret" } }, orderBy: { createdAt: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["widget.secret_created", "widget.secret_rotated"]);
    expect(JSON.stringify(actions.map((a) => a.details))).not.toContain(first.secret);
  });

  it("is the owner's alone: staff are refused and nothing changes", async () => {
    const { business, staff } = await makePortalBusiness("widget-staff");
    const caller = callerFor(staff);
    expect((await trpcFailure(caller.widget.get({}))).code).toBe("FORBIDDEN");
    expect((await trpcFailure(caller.widget.update({ enabled: true }))).code).toBe("FORBIDDEN");
    expect((await trpcFailure(caller.widget.rotateSecret())).code).toBe("FORBIDDEN");
    expect(await db.widgetSettings.count({ where: { businessId: business.id } })).toBe(0);
  });
});

// The portal's access levels. Every call re-reads the membership from the database, so a
// removed staff member or a demoted owner loses access at once, whatever their JWT says.
import { TRPCError } from "@trpc/server";
import { portalActor } from "../actors/actor";
import { currentMembership } from "../auth/current-membership";
import { db } from "../db/client";
import { publicProcedure } from "./init";

export const protectedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  // The change-password page works through server actions, so nothing here is needed first.
  if (ctx.user.mustChangePassword) throw new TRPCError({ code: "FORBIDDEN", message: "Choose a new password first: your current one is temporary." });
  const membership = await currentMembership(db, ctx.user.id, ctx.preferredBusinessId);
  if (!membership) throw new TRPCError({ code: "FORBIDDEN", message: "You are not a member of any business." });
  const actor = portalActor(ctx.user, membership.business.id, ctx.requestId ?? null);
  return next({ ctx: { user: ctx.user, membership, role: membership.role, actor } });
});

// Day-to-day work: customers, points, history, analytics, audit.
export const staffProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.role !== "OWNER" && ctx.role !== "STAFF") throw new TRPCError({ code: "FORBIDDEN", message: "Staff access required." });
  return next();
});

// Money and access: API keys, team, settings, erasing customers.
export const ownerProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.role !== "OWNER") throw new TRPCError({ code: "FORBIDDEN", message: "Only an owner of this business can do that." });
  return next();
});

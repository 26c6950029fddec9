import { checkHealth } from "../../health/check-health";
import { publicProcedure, router } from "../init";
import { apiKeysRouter } from "./api-keys-router";
import { campaignsRouter } from "./campaigns-router";
import { customersRouter } from "./customers-router";
import { analyticsRouter, auditRouter } from "./insights-router";
import { ordersRouter } from "./orders-router";
import { pointsRouter } from "./points-router";
import { productsRouter } from "./products-router";
import { referralsRouter } from "./referrals-router";
import { rewardsRouter } from "./rewards-router";
import { sessionRouter } from "./session-router";
import { settingsRouter } from "./settings-router";
import { storesRouter } from "./stores-router";
import { teamRouter } from "./team-router";
import { webhooksRouter } from "./webhooks-router";
import { widgetRouter } from "./widget-router";

export const appRouter = router({
  health: publicProcedure.query(() => checkHealth()),
  session: sessionRouter,
  customers: customersRouter,
  points: pointsRouter,
  orders: ordersRouter,
  apiKeys: apiKeysRouter,
  team: teamRouter,
  webhooks: webhooksRouter,
  settings: settingsRouter,
  stores: storesRouter,
  rewards: rewardsRouter,
  campaigns: campaignsRouter,
  products: productsRouter,
  referrals: referralsRouter,
  analytics: analyticsRouter,
  audit: auditRouter,
  widget: widgetRouter,
});

export type AppRouter = typeof appRouter;

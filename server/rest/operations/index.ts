// Every public API operation, for the OpenAPI document and the route-coverage test. Any
// export of these modules made with defineOperation() is picked up.
import type { Operation } from "../operation";
import * as badges from "./badges-operations";
import * as bulk from "./bulk-operations";
import * as campaigns from "./campaigns-operations";
import * as customers from "./customers-operations";
import * as member from "./member-operations";
import * as meta from "./meta-operations";
import * as orders from "./orders-operations";
import * as points from "./points-operations";
import * as pos from "./pos-operations";
import * as products from "./products-operations";
import * as program from "./program-operations";
import * as referrals from "./referrals-operations";
import * as rewards from "./rewards-operations";
import * as stores from "./stores-operations";
import * as webhooks from "./webhooks-operations";

function isOperation(value: unknown): value is Operation {
  return typeof value === "object" && value !== null && "method" in value && "path" in value && "response" in value;
}

export const allOperations: Operation[] = [points, bulk, customers, pos, badges, program, stores, rewards, campaigns, products, orders, referrals, webhooks, member, meta].flatMap((module) =>
  Object.values(module as Record<string, unknown>).filter(isOperation),
);

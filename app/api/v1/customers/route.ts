import { keyAllows } from "@/server/api-keys/api-key-scopes";
import { createCustomer } from "@/server/customers/create-customer";
import { listCustomers } from "@/server/customers/list-customers";
import { db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import { apiRoute, reply } from "@/server/rest/api-route";
import { createCustomerOperation, listCustomersOperation } from "@/server/rest/operations/customers-operations";

// GET /api/v1/customers?page=&limit=&search=&status=&sortBy=&sortOrder=
export const GET = apiRoute(listCustomersOperation, async ({ actor, query }) => listCustomers(db, actor, query));

// POST /api/v1/customers: 201 when enrolled, 200 with the existing customer for a known email.
// initialPoints creates points, so it also takes the points:write scope.
export const POST = apiRoute(createCustomerOperation, async ({ actor, key, body }) => {
  if (body.initialPoints && !keyAllows(key.scopes, "points:write")) {
    throw new AppError("FORBIDDEN", "initialPoints needs the points:write scope; this API key lacks it.");
  }
  const saved = await createCustomer(db, actor, body);
  return reply(saved, { status: saved.created ? 201 : 200 });
});

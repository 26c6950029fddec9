import { eraseCustomer } from "@/server/customers/erase-customer";
import { getCustomer } from "@/server/customers/get-customer";
import { updateCustomer } from "@/server/customers/update-customer";
import { upsertCustomerByExternalId } from "@/server/customers/upsert-customer";
import { db } from "@/server/db/client";
import { apiRoute, reply, requireScope } from "@/server/rest/api-route";
import {
  eraseCustomerOperation,
  getCustomerOperation,
  updateCustomerOperation,
  upsertCustomerOperation,
} from "@/server/rest/operations/customers-operations";

// GET /api/v1/customers/{id}: the customer, recent transactions and badges.
export const GET = apiRoute(getCustomerOperation, async ({ actor, params }) => getCustomer(db, actor, params));

// PATCH /api/v1/customers/{id}: name, phone, notes, status (blocking is audited).
export const PATCH = apiRoute(updateCustomerOperation, async ({ actor, params, body }) => updateCustomer(db, actor, { ...body, id: params.id }));

// DELETE /api/v1/customers/{id}: erase (forfeit the balance, anonymise).
export const DELETE = apiRoute(eraseCustomerOperation, async ({ actor, params, query }) => eraseCustomer(db, actor, { id: params.id, reason: query.reason }));

// PUT /api/v1/customers/{externalId}: Next.js allows one dynamic name per folder, so for PUT
// this segment is the store's external id, not ours. 201 created, 200 updated. initialPoints
// (creation only) creates points: it needs points:write too.
export const PUT = apiRoute(upsertCustomerOperation, async ({ actor, key, params, body }) => {
  if (body.initialPoints) requireScope(key, "points:write", "initialPoints");
  const saved = await upsertCustomerByExternalId(db, actor, { ...body, externalId: params.id });
  return reply(saved, { status: saved.created ? 201 : 200 });
});

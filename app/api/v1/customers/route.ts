import { createCustomer } from "@/server/customers/create-customer";
import { listCustomers } from "@/server/customers/list-customers";
import { db, readDb } from "@/server/db/client";
import { apiRoute, reply, requireScope } from "@/server/rest/api-route";
import { createCustomerOperation, listCustomersOperation } from "@/server/rest/operations/customers-operations";

// GET /api/v1/customers?page=&perPage=&search=&status=&sortBy=&sortOrder= (limit: perPage's old name)
export const GET = apiRoute(listCustomersOperation, async ({ actor, query }) => listCustomers(readDb, actor, query));

// POST /api/v1/customers: 201 when enrolled, 200 with the existing customer for a known email
// (or, without an email, a known phone). initialPoints creates points: it needs points:write too.
export const POST = apiRoute(createCustomerOperation, async ({ actor, key, body }) => {
  if (body.initialPoints) requireScope(key, "points:write", "initialPoints");
  const saved = await createCustomer(db, actor, body);
  return reply(saved, { status: saved.created ? 201 : 200 });
});

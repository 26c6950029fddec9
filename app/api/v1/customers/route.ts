import { createCustomer } from "@/server/customers/create-customer";
import { listCustomers } from "@/server/customers/list-customers";
import { db } from "@/server/db/client";
import { apiRoute, reply } from "@/server/rest/api-route";
import { createCustomerOperation, listCustomersOperation } from "@/server/rest/operations/customers-operations";

// GET /api/v1/customers?page=&limit=&search=&status=&sortBy=&sortOrder=
export const GET = apiRoute(listCustomersOperation, async ({ actor, query }) => listCustomers(db, actor, query));

// POST /api/v1/customers: 201 when enrolled, 200 with the existing customer for a known email.
export const POST = apiRoute(createCustomerOperation, async ({ actor, body }) => {
  const saved = await createCustomer(db, actor, body);
  return reply(saved, { status: saved.created ? 201 : 200 });
});

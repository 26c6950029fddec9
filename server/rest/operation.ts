// One public API operation, described once: the route handler validates with these schemas,
// and the OpenAPI document (server/rest/openapi.ts) is generated from the same objects.
import { z } from "zod";
import type { ApiKeyScope } from "../api-keys/api-key-scopes";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export type Operation<
  B extends z.ZodType = z.ZodType,
  Q extends z.ZodType = z.ZodType,
  P extends z.ZodType = z.ZodType,
> = {
  method: HttpMethod;
  // OpenAPI style: /customers/{id}
  path: string;
  summary: string;
  description?: string;
  tag: string;
  // null: no API key needed (health, the document itself).
  scope: ApiKeyScope | null;
  body?: B;
  query?: Q;
  // The query parameters as documented, when `query` itself doesn't name them (it accepts
  // ?email= as an alias and renames it before validating). Every parameter a request sends must
  // be here (or in `query`): apiRoute refuses any other.
  queryDoc?: z.ZodObject;
  params?: P;
  response: z.ZodType;
  status: 200 | 201;
  // Also accept the body as text/csv, turned into the JSON body's shape by this (which
  // refuses a bad file with an AppError); the JSON form stays accepted.
  csvBody?: (text: string) => unknown;
  // A request body for the curl example in the docs.
  example?: Record<string, unknown>;
  errors?: string[];
};

export function defineOperation<B extends z.ZodType = z.ZodNever, Q extends z.ZodType = z.ZodNever, P extends z.ZodType = z.ZodNever>(
  operation: Operation<B, Q, P>,
): Operation<B, Q, P> {
  return operation;
}

// The query parameters an operation documents and accepts: queryDoc, or the object `query`
// validates with (also when it post-processes the result, e.g. folding paging aliases).
export function documentedQuery(operation: Operation): z.ZodObject | undefined {
  if (operation.queryDoc) return operation.queryDoc;
  const query = operation.query;
  if (query instanceof z.ZodObject) return query;
  if (query instanceof z.ZodPipe && query.in instanceof z.ZodObject) return query.in;
  return undefined;
}

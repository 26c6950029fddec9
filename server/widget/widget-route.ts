// Builds a widget API route handler (/api/widget/v1/{publicId}/...), in the public API's style
// (server/rest/api-route.ts) with the widget's own door: the widget found by its public id
// (404 unless switched on), the page's origin checked (403), the customer's token verified
// (401) when the route needs one, a rate limit per customer, unknown keys refused, zod input,
// then the handler and the usual envelope, with CORS headers on every answer to an allowed page.
import type { NextResponse } from "next/server";
import { z } from "zod";
import { widgetActor, type Actor } from "../actors/actor";
import { db } from "../db/client";
import { AppError } from "../errors";
import { clientLimitKey } from "../http/client-address";
import { rejectUnknownKeys } from "../reject-unknown-keys";
import { readJson, type Reply } from "../rest/api-route";
import { ok, restHandler, type RouteContext } from "../rest/envelope";
import { subjectKey, type TokenSubject } from "./find-token-customer";
import { requireSessionCustomer } from "./member-link";
import { claimsMemberSession, verifyMemberToken } from "./member-token";
import { verifyCustomerToken } from "./verify-customer-token";
import { findWidget, type Widget } from "./find-widget";
import { applyCors, checkOrigin } from "./widget-cors";
import { widgetParams } from "./widget-schemas";
import { consumeWidgetRateLimit, widgetLimitKey } from "./widget-rate-limit";

// A route without query parameters or body refuses any that are sent.
const NOTHING = z.object({});

export type WidgetOperation<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> = {
  // The route's pattern, for metrics and logs (never the URL, with its ids).
  route: string;
  // true: a customer token is required (Authorization: Bearer <token>).
  customer: boolean;
  // true: only pages on our own origin (the member page) may call it; store pages are refused
  // even when the business allowed their origin (signing in is our page's business).
  ownOriginOnly?: boolean;
  status?: number;
  query?: Q;
  body?: B;
  params?: P;
};

export type WidgetContext<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType> = {
  widget: Widget;
  actor: Actor;
  // Who the token names (a store's claim, or a member session's customer id); null on public routes.
  customer: TokenSubject | null;
  query: z.output<Q>;
  body: z.output<B>;
  params: z.output<P>;
  request: Request;
};

export function widgetRoute<Q extends z.ZodType, B extends z.ZodType, P extends z.ZodType>(
  operation: WidgetOperation<Q, B, P>,
  handler: (context: WidgetContext<Q, B, P>) => Promise<unknown>,
): (request: Request, context: RouteContext) => Promise<NextResponse> {
  return async (request, context) => {
    // Known once the origin passed; every answer after that point carries the CORS headers.
    let corsOrigin: string | null = null;
    const handle = restHandler(async (req, ctx, requestId) => {
      const raw = await ctx.params;
      const widget = await findWidget(db, widgetParams.parse(raw).publicId);
      corsOrigin = checkOrigin(req, operation.ownOriginOnly ? [] : widget.allowedOrigins);
      const byAddress = () => widgetLimitKey(widget.businessId, `address:${clientLimitKey(req.headers)}`);
      const customer = operation.customer ? await tokenCustomer(req, widget, byAddress) : null;
      const { headers: rateHeaders } = await consumeWidgetRateLimit(customer !== null ? widgetLimitKey(widget.businessId, `customer:${subjectKey(customer)}`) : byAddress());
      try {
        const params = operation.params ? operation.params.parse(raw) : undefined;
        const rawQuery = Object.fromEntries(new URL(req.url).searchParams);
        rejectUnknownKeys(rawQuery, operation.query ?? NOTHING, "query parameter");
        const query = operation.query ? operation.query.parse(rawQuery) : undefined;
        const rawBody = req.method === "GET" ? {} : await readJson(req);
        rejectUnknownKeys(rawBody, operation.body ?? NOTHING, "field");
        const body = operation.body ? operation.body.parse(rawBody) : undefined;
        const actor = widgetActor(widget.businessId, requestId);
        const result = await handler({ widget, actor, customer, query, body, params, request: req } as WidgetContext<Q, B, P>);
        const replied = isReply(result) ? result : { data: result, status: undefined, headers: undefined };
        return ok(replied.data, { status: replied.status ?? operation.status ?? 200, headers: { ...rateHeaders, ...replied.headers } });
      } catch (error) {
        if (error instanceof AppError) throw new AppError(error.code, error.message, error.details, { ...rateHeaders, ...error.headers });
        throw error;
      }
    }, { route: operation.route });
    const response = await handle(request, context);
    applyCors(response.headers, corsOrigin);
    return response;
  };
}

// The customer the request's token names: a store's token (its widget secret) or a member
// session of our member page (member-token.ts), told apart by the member token's iss; each is
// verified only by its own kind's key, so neither passes for the other. A refused token counts
// against the client's address, so guessing at tokens is slowed down like any other flood.
async function tokenCustomer(request: Request, widget: Widget, byAddress: () => string): Promise<TokenSubject> {
  try {
    const token = bearerToken(request);
    if (!claimsMemberSession(token)) return { claim: (await verifyCustomerToken(token, widget, widget.publicId)).customer };
    const { customerId, issuedAt } = await verifyMemberToken("session", token, widget.publicId);
    await requireSessionCustomer(db, widget.businessId, customerId, issuedAt);
    return { customerId };
  } catch (error) {
    if (error instanceof AppError) await consumeWidgetRateLimit(byAddress());
    throw error;
  }
}

function bearerToken(request: Request): string {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match) throw new AppError("UNAUTHORIZED", "Send the customer's token from the store as Authorization: Bearer <token>.");
  return match[1]!;
}

function isReply(value: unknown): value is Reply {
  return typeof value === "object" && value !== null && (value as Reply).reply === true;
}

// The public API's contract: {success:true,data} or {success:false,error,code}. Every route
// goes through `restHandler`, so no handler can leak an internal error or forget a header.
import { requestIdOf } from "../actors/actor";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError, toAppError } from "../errors";
import { logger, withRequestContext } from "../observability/logger";
import { observeRequest } from "../observability/observe-request";

export type RouteContext<P = Record<string, string>> = { params: Promise<P> };

export function ok<T>(data: T, init: { status?: number; headers?: HeadersInit } = {}): NextResponse {
  return NextResponse.json({ success: true, data }, init);
}

export function fail(error: AppError, headers?: HeadersInit): NextResponse {
  const body: Record<string, unknown> = { success: false, error: error.message, code: error.code };
  if (error.details !== undefined) body.details = error.details;
  return NextResponse.json(body, { status: error.status, headers: { ...error.headers, ...Object.fromEntries(new Headers(headers)) } });
}

export function validationError(error: ZodError): AppError {
  const issues = error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
  const first = issues[0];
  const sentence = first ? `Invalid request: ${first.path ? `${first.path}: ` : ""}${first.message}.` : "Invalid request.";
  return new AppError("VALIDATION_ERROR", sentence, issues);
}

// route: the route's pattern (an operation's path, e.g. /customers/{id}), the label of its
// metrics and log lines; never the URL, whose ids would make a series per customer.
export function restHandler<P>(
  handler: (request: Request, context: RouteContext<P>, requestId: string) => Promise<NextResponse>,
  options: { route?: string } = {},
): (request: Request, context: RouteContext<P>) => Promise<NextResponse> {
  const route = options.route ?? "(unnamed)";
  return async (request, context) => {
    const startedAt = performance.now();
    const requestId = requestIdOf(request.headers);
    return withRequestContext({ requestId }, async () => {
      let response: NextResponse;
      try {
        response = await handler(request, context, requestId);
      } catch (error) {
        const appError = error instanceof ZodError ? validationError(error) : toAppError(error);
        if (appError.code === "INTERNAL") logger().error({ err: error, method: request.method, route, headers: Object.fromEntries(request.headers) }, "request failed");
        // The operator's signal that the pool, a lock or the server is the bottleneck.
        else if (appError.code === "SERVICE_UNAVAILABLE" && !(error instanceof AppError)) logger().warn({ method: request.method, route, reason: (error as Error).message }, "database unavailable");
        response = fail(appError);
      }
      response.headers.set("X-Request-Id", requestId);
      observeRequest(request.method, route, response.status, startedAt);
      return response;
    });
  };
}

// tRPC for the portal only (the public API is REST). Errors: an AppError keeps its code and
// sentence; anything else is reported as a generic internal error with no internals.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { SessionUser } from "../auth/current-membership";
import { databaseUnavailability } from "../db/unavailable-error";
import { env } from "../env";
import { AppError, toAppError } from "../errors";
import { logger, withRequestContext } from "../observability/logger";
import { observeTrpcCall } from "../observability/observe-request";
import { wroteCookie } from "./read-your-writes";

// The session is resolved by the adapter (route handler) or faked by tests; membership and
// role are looked up per call in procedures.ts, so nothing here is trusted on its own.
// resHeaders and readsFromPrimary: the response's headers and the read-your-writes cookie
// (read-your-writes.ts); absent in tests that build the context by hand.
export type TrpcContext = {
  user: SessionUser | null;
  preferredBusinessId: string | null;
  requestId?: string | null;
  resHeaders?: Headers;
  readsFromPrimary?: boolean;
};

const t = initTRPC.context<TrpcContext>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const appCode = cause instanceof AppError ? cause.code : undefined;
    const message = error.code === "INTERNAL_SERVER_ERROR" && !appCode ? "Something went wrong on our side." : shape.message;
    return {
      ...shape,
      message,
      data: {
        ...shape.data,
        stack: undefined,
        appCode,
        // What the REST envelope's `details` carries (e.g. which customer holds an email).
        appDetails: cause instanceof AppError ? cause.details : undefined,
        fieldErrors: cause instanceof ZodError ? cause.flatten().fieldErrors : undefined,
      },
    };
  },
});

// Domain code throws AppError (and zod errors for bad input); translate once here so
// procedures stay thin.
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && (result.error.cause instanceof AppError || databaseUnavailability(result.error.cause))) {
    // A database too busy or down is a 503 the portal can say and retry, not an internal error.
    const cause = toAppError(result.error.cause);
    return { ...result, error: new TRPCError({ code: cause.trpcCode, message: cause.message, cause }) };
  }
  // A zod error from a domain function (INTERNAL_SERVER_ERROR) or from a procedure's input
  // (BAD_REQUEST, whose message tRPC makes the issues' JSON): one readable sentence either way.
  if (!result.ok && result.error.cause instanceof ZodError && (result.error.code === "INTERNAL_SERVER_ERROR" || result.error.code === "BAD_REQUEST")) {
    const cause = result.error.cause;
    const first = cause.issues[0];
    const message = first ? `${first.path.join(".") || "input"}: ${first.message}` : "Invalid input.";
    return { ...result, error: new TRPCError({ code: "BAD_REQUEST", message, cause }) };
  }
  return result;
});

// Every call's latency by procedure, and its log lines stamped with the request id (a batch of
// calls shares one). Outside appErrors, so it counts the error code the portal receives.
const observed = t.middleware(async ({ ctx, path, type, next }) => {
  const startedAt = performance.now();
  const result = ctx.requestId ? await withRequestContext({ requestId: ctx.requestId }, () => next()) : await next();
  // Anything appErrors left as internal is a fault of ours: its stack, once.
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") logger().error({ err: result.error.cause ?? result.error, procedure: path }, "call failed");
  observeTrpcCall(path, type, result.ok ? "ok" : result.error.code, startedAt);
  return result;
});

// A portal write that succeeded: with a read replica, this browser's lists read the primary
// for a few seconds (read-your-writes.ts).
const markWrites = t.middleware(async ({ ctx, type, next }) => {
  const result = await next();
  if (type === "mutation" && result.ok && ctx.resHeaders && env().DATABASE_REPLICA_URL) ctx.resHeaders.append("set-cookie", wroteCookie());
  return result;
});

export const router = t.router;
export const middleware = t.middleware;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(observed).use(appErrors).use(markWrites);

// tRPC for the portal only (the public API is REST). Errors: an AppError keeps its code and
// sentence; anything else is reported as a generic internal error with no internals.
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import { AppError } from "../errors";

export type TrpcContext = { headers: Headers };

export async function createTrpcContext(options: { headers: Headers }): Promise<TrpcContext> {
  return { headers: options.headers };
}

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
        fieldErrors: cause instanceof ZodError ? cause.flatten().fieldErrors : undefined,
      },
    };
  },
});

// Domain code throws AppError; translate once here so procedures stay thin.
const appErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    return { ...result, error: new TRPCError({ code: cause.trpcCode, message: cause.message, cause }) };
  }
  return result;
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(appErrors);

import { checkHealth } from "../../health/check-health";
import { publicProcedure, router } from "../init";

export const appRouter = router({
  health: publicProcedure.query(() => checkHealth()),
});

export type AppRouter = typeof appRouter;

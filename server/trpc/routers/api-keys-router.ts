import { z } from "zod";
import { createApiKey, createApiKeyInput } from "../../api-keys/create-api-key";
import { listApiKeys, revokeApiKey } from "../../api-keys/manage-api-keys";
import { db } from "../../db/client";
import { router } from "../init";
import { ownerProcedure } from "../procedures";

// Owner only: a key can move points, so creating one is as sensitive as the settings.
export const apiKeysRouter = router({
  list: ownerProcedure.query(({ ctx }) => listApiKeys(db, ctx.actor)),
  create: ownerProcedure.input(createApiKeyInput).mutation(({ ctx, input }) => createApiKey(db, ctx.actor, input)),
  revoke: ownerProcedure.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => revokeApiKey(db, ctx.actor, input)),
});

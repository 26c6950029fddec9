import { z } from "zod";
import { db } from "../../db/client";
import { listWebhookDeliveries } from "../../webhooks/list-webhook-deliveries";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  getWebhookEndpoint,
  listWebhookEndpoints,
  updateWebhookEndpoint,
} from "../../webhooks/manage-webhook-endpoints";
import { replayWebhookEvents, resendDelivery, sendTestEvent } from "../../webhooks/redeliver-webhooks";
import { revealWebhookSecret, rotateWebhookSecret } from "../../webhooks/rotate-webhook-secret";
import { createWebhookInput, deleteWebhookInput, listDeliveriesInput, replayWebhookInput, updateWebhookInput, webhookIdParams } from "../../webhooks/webhook-schemas";
import { router } from "../init";
import { ownerProcedure } from "../procedures";

const resendInput = z.object({ ...webhookIdParams.shape, deliveryId: z.string().max(100) });

// Owner only: an endpoint receives customers' names, emails and phones, and its secret signs as
// us. Every change and its audit record commit together (a transaction per mutation); the
// domain functions scope ids to the actor's business, so a foreign id is NOT_FOUND.
export const webhooksRouter = router({
  list: ownerProcedure.query(({ ctx }) => listWebhookEndpoints(db, ctx.actor)),
  get: ownerProcedure.input(webhookIdParams).query(({ ctx, input }) => getWebhookEndpoint(db, ctx.actor, input)),
  deliveries: ownerProcedure
    .input(webhookIdParams.and(listDeliveriesInput))
    .query(({ ctx, input }) => listWebhookDeliveries(db, ctx.actor, input)),

  create: ownerProcedure.input(createWebhookInput).mutation(({ ctx, input }) => db.$transaction((tx) => createWebhookEndpoint(tx, ctx.actor, input))),
  update: ownerProcedure.input(updateWebhookInput).mutation(({ ctx, input }) => db.$transaction((tx) => updateWebhookEndpoint(tx, ctx.actor, input))),
  delete: ownerProcedure.input(deleteWebhookInput).mutation(({ ctx, input }) => db.$transaction((tx) => deleteWebhookEndpoint(tx, ctx.actor, input))),

  // A mutation, not a query: reading the secret is audited, and must never be prefetched or cached.
  revealSecret: ownerProcedure.input(webhookIdParams).mutation(({ ctx, input }) => db.$transaction((tx) => revealWebhookSecret(tx, ctx.actor, input))),
  rotateSecret: ownerProcedure.input(webhookIdParams).mutation(({ ctx, input }) => db.$transaction((tx) => rotateWebhookSecret(tx, ctx.actor, input))),

  sendTest: ownerProcedure.input(webhookIdParams).mutation(({ ctx, input }) => db.$transaction((tx) => sendTestEvent(tx, ctx.actor, input))),
  resend: ownerProcedure.input(resendInput).mutation(({ ctx, input }) => db.$transaction((tx) => resendDelivery(tx, ctx.actor, input))),
  replay: ownerProcedure
    .input(webhookIdParams.and(replayWebhookInput))
    .mutation(({ ctx, input }) => db.$transaction((tx) => replayWebhookEvents(tx, ctx.actor, input))),
  // Turning a failing or disabled endpoint back on and sending what it missed is one step for
  // the owner, so one transaction: a period the replay refuses leaves the endpoint as it was.
  enableAndReplay: ownerProcedure.input(webhookIdParams.and(replayWebhookInput)).mutation(({ ctx, input }) =>
    db.$transaction(async (tx) => {
      const endpoint = await updateWebhookEndpoint(tx, ctx.actor, { id: input.id, enabled: true });
      return { endpoint, ...(await replayWebhookEvents(tx, ctx.actor, input)) };
    }),
  ),
});

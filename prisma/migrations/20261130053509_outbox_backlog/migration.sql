-- Events written before delivery existed were never promised to anyone, and have no event id
-- (see the webhook_delivery migration): the fan-out's index of unpublished events leaves them
-- out, so an upgrade starts delivering from now on instead of sending endpoints their whole
-- history at once, and without rewriting those rows. Pruning removes them after the retention.
DROP INDEX "outbox_events_unpublished_idx";
CREATE INDEX "outbox_events_unpublished_idx" ON "outbox_events" ("id") WHERE "published_at" IS NULL AND "event_id" IS NOT NULL;

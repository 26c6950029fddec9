-- Events written before delivery existed were never promised to anyone: an upgrade starts
-- delivering from now on instead of sending endpoints their whole history at once. They stay
-- replayable (POST /webhooks/{id}/replay) until the retention period prunes them.
UPDATE "outbox_events" SET "published_at" = now() WHERE "published_at" IS NULL;

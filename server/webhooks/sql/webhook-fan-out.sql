-- Fans the oldest unpublished outbox events out to the endpoints subscribed to their type (or
-- to "*"): one webhook_deliveries row per (event, endpoint), one delivery job per endpoint and
-- up to 50 of its deliveries, and the events marked published, all in one transaction. SKIP
-- LOCKED lets several workers run it at once on different events, so none is fanned out twice.
-- "In order": by id, which is commit order except for transactions that overlapped; an event
-- whose transaction committed late is still unpublished and is picked up by the next call.
-- Returns how many events it took (p_limit: the caller calls again at once).
CREATE OR REPLACE FUNCTION ll_fan_out_outbox(p_limit int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  v_events int;
  v_specs graphile_worker.job_spec[];
BEGIN
  WITH batch AS (
    SELECT o."business_id", o."id" FROM "outbox_events" o
     WHERE o."published_at" IS NULL AND o."event_id" IS NOT NULL
     ORDER BY o."id" LIMIT p_limit
       FOR UPDATE SKIP LOCKED
  ), published AS (
    UPDATE "outbox_events" o SET "published_at" = now()
      FROM batch b
     WHERE o."business_id" = b."business_id" AND o."id" = b."id"
    RETURNING o."business_id", o."id", o."type"
  ), delivered AS (
    INSERT INTO "webhook_deliveries" ("business_id", "endpoint_id", "event_id")
    SELECT p."business_id", e."id", p."id"
      FROM published p
      JOIN "webhook_endpoints" e ON e."business_id" = p."business_id" AND e."status" = 'ACTIVE' AND e."events" && ARRAY['*', p."type"]
     ORDER BY p."id"
    RETURNING "business_id", "endpoint_id", "id", "event_id"
  ), chunks AS (
    SELECT "business_id", "endpoint_id", array_agg("id" ORDER BY "event_id") AS ids
      FROM (SELECT d.*, (row_number() OVER (PARTITION BY "business_id", "endpoint_id" ORDER BY "event_id") - 1) / 50 AS chunk FROM delivered d) c
     GROUP BY "business_id", "endpoint_id", chunk
  )
  SELECT (SELECT count(*) FROM published),
         (SELECT array_agg(ll_delivery_job(c."business_id", c."endpoint_id", c.ids, 0, NULL)) FROM chunks c)
    INTO v_events, v_specs;
  IF v_specs IS NOT NULL THEN
    PERFORM graphile_worker.add_jobs(v_specs);
  END IF;
  RETURN v_events;
END $$;

-- The job that sends `p_ids` (deliveries of one endpoint that have had p_attempts attempts).
-- A job that runs again after a crash finds its deliveries' attempt count moved on and skips
-- them: an attempt is recorded once, whatever the queue does. Up to 10 tries of the job itself
-- (the queue's own backoff) for when the database is down; our retry schedule is separate.
CREATE OR REPLACE FUNCTION ll_delivery_job(p_business uuid, p_endpoint uuid, p_ids uuid[], p_attempts int, p_run_at timestamptz)
RETURNS graphile_worker.job_spec LANGUAGE sql IMMUTABLE AS $$
  SELECT ROW('webhook_deliver',
             json_build_object('businessId', p_business, 'endpointId', p_endpoint, 'deliveryIds', p_ids, 'attempts', p_attempts),
             NULL, p_run_at, 10, NULL, NULL, NULL)::graphile_worker.job_spec
$$;

-- Deliveries asked for by hand (a test event, a resend, a replayed period): one per event for
-- one endpoint, queued like fanned-out ones. Returns the new deliveries' ids, in event order.
CREATE OR REPLACE FUNCTION ll_queue_deliveries(p_business uuid, p_endpoint uuid, p_events bigint[], p_kind text)
RETURNS SETOF uuid LANGUAGE plpgsql AS $$
DECLARE
  v_ids uuid[];
  v_specs graphile_worker.job_spec[];
BEGIN
  WITH queued AS (
    INSERT INTO "webhook_deliveries" ("business_id", "endpoint_id", "event_id", "kind")
    SELECT p_business, p_endpoint, e, p_kind::"WebhookDeliveryKind" FROM unnest(p_events) e
    RETURNING "id", "event_id"
  ), numbered AS (
    SELECT "id", "event_id", (row_number() OVER (ORDER BY "event_id") - 1) / 50 AS chunk FROM queued
  )
  SELECT (SELECT array_agg("id" ORDER BY "event_id") FROM numbered),
         (SELECT array_agg(ll_delivery_job(p_business, p_endpoint, c.ids, 0, NULL))
            FROM (SELECT array_agg("id") AS ids FROM numbered GROUP BY chunk) c)
    INTO v_ids, v_specs;
  IF v_specs IS NOT NULL THEN
    PERFORM graphile_worker.add_jobs(v_specs);
  END IF;
  RETURN QUERY SELECT unnest(coalesce(v_ids, '{}'));
END $$;

-- A signed test event for one endpoint: an outbox row of type webhook.test, written already
-- published (the fan-out never sends it to anyone else), and its delivery. Returns the delivery.
CREATE OR REPLACE FUNCTION ll_send_test_event(p_business uuid, p_endpoint uuid) RETURNS uuid LANGUAGE plpgsql AS $$
DECLARE
  v_event bigint;
BEGIN
  INSERT INTO "outbox_events" ("business_id", "type", "payload", "published_at")
  VALUES (p_business, 'webhook.test',
          jsonb_build_object('message', 'A test event from Loyalty Ledger: your endpoint received and verified it.', 'endpointId', p_endpoint),
          now())
  RETURNING "id" INTO v_event;
  RETURN (SELECT ll_queue_deliveries(p_business, p_endpoint, ARRAY[v_event], 'TEST') LIMIT 1);
END $$;

-- Sends one endpoint again the events of [p_from, p_to) it subscribes to: all of them, or
-- (p_only_missed) those it has neither received nor still has on the way (a delivery pending
-- for over 2 days is not on its way: every retry would be over; its job was lost). At most p_limit,
-- oldest first, after event p_after when given (to continue a replay that hit the limit).
-- Returns the new deliveries and their events.
CREATE OR REPLACE FUNCTION ll_replay_events(p_business uuid, p_endpoint uuid, p_from timestamptz, p_to timestamptz, p_only_missed boolean, p_after bigint, p_limit int)
RETURNS TABLE (delivery uuid, event bigint) LANGUAGE plpgsql AS $$
DECLARE
  v_events bigint[];
BEGIN
  v_events := array(
    SELECT o."id" FROM "outbox_events" o, "webhook_endpoints" w
     WHERE w."business_id" = p_business AND w."id" = p_endpoint
       AND o."business_id" = p_business AND o."created_at" >= p_from AND o."created_at" < p_to
       AND (p_after IS NULL OR o."id" > p_after)
       AND o."published_at" IS NOT NULL AND o."event_id" IS NOT NULL AND o."type" <> 'webhook.test' AND w."events" && ARRAY['*', o."type"]
       AND NOT (p_only_missed AND EXISTS (
             SELECT 1 FROM "webhook_deliveries" d
              WHERE d."business_id" = p_business AND d."endpoint_id" = p_endpoint AND d."event_id" = o."id"
                AND (d."status" = 'DELIVERED' OR (d."status" = 'PENDING' AND d."created_at" > now() - interval '2 days'))))
     ORDER BY o."id" LIMIT p_limit);
  -- ll_queue_deliveries answers in event order, as v_events is.
  RETURN QUERY SELECT q.id, e.id FROM unnest(array(SELECT ll_queue_deliveries(p_business, p_endpoint, v_events, 'REPLAY'))) WITH ORDINALITY q(id, n)
    JOIN unnest(v_events) WITH ORDINALITY e(id, n) USING (n);
END $$;

-- Records one job's attempts for one endpoint in one transaction: each delivery's new state, a
-- log row per failed attempt (a success is told by the delivery row itself: its last_* columns;
-- most deliveries succeed at once, and that saves them a write), the retry jobs, and the
-- endpoint's health. p_results: [{id, attempt,
-- statusCode, durationMs, error, outcome, nextAttemptAt}], outcome one of delivered, retry,
-- failed (given up), skipped (not sendable: the endpoint is off, the customer erased; says
-- nothing about the endpoint's health), gone (the receiver answered 410).
-- A delivery is only moved from the attempt count the job saw (attempt - 1, still PENDING): a
-- job run twice (a worker that died after this commit) records nothing the second time.
-- p_unsent: deliveries the job had no time for (its send budget, a stopping worker), queued
-- again unattempted (p_attempts: their attempt count, unchanged).
-- Returns the endpoint's status after.
CREATE OR REPLACE FUNCTION ll_record_webhook_attempts(p_business uuid, p_endpoint uuid, p_results jsonb, p_failing_after interval, p_unsent uuid[], p_attempts int)
RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  v_specs graphile_worker.job_spec[];
  v_outcomes text[];
  v_status text;
BEGIN
  WITH r AS (
    SELECT * FROM jsonb_to_recordset(p_results)
      AS x(id uuid, attempt int, "statusCode" int, "durationMs" int, error text, outcome text, "nextAttemptAt" timestamptz)
  ), moved AS (
    UPDATE "webhook_deliveries" d
       SET "attempts" = r.attempt,
           "status" = (CASE r.outcome WHEN 'delivered' THEN 'DELIVERED' WHEN 'retry' THEN 'PENDING' ELSE 'FAILED' END)::"WebhookDeliveryStatus",
           "next_attempt_at" = r."nextAttemptAt",
           "last_attempt_at" = now(),
           "last_status_code" = r."statusCode",
           "last_duration_ms" = r."durationMs",
           "last_error" = r.error,
           "delivered_at" = CASE WHEN r.outcome = 'delivered' THEN now() END
      FROM r
     WHERE d."business_id" = p_business AND d."endpoint_id" = p_endpoint AND d."id" = r.id
       AND d."status" = 'PENDING' AND d."attempts" = r.attempt - 1
    RETURNING d."id"
  ), logged AS (
    INSERT INTO "webhook_attempts" ("business_id", "delivery_id", "endpoint_id", "attempt", "status_code", "duration_ms", "error", "next_attempt_at")
    SELECT p_business, r.id, p_endpoint, r.attempt, r."statusCode", r."durationMs", r.error, r."nextAttemptAt"
      FROM r JOIN moved m ON m."id" = r.id
     WHERE r.outcome <> 'delivered'
  )
  SELECT (SELECT array_agg(DISTINCT r.outcome) FROM r JOIN moved m ON m."id" = r.id),
         (SELECT array_agg(ll_delivery_job(p_business, p_endpoint, g.ids, g.attempt, g.run_at))
            FROM (SELECT r.attempt, r."nextAttemptAt" AS run_at, array_agg(r.id) AS ids
                    FROM r JOIN moved m ON m."id" = r.id
                   WHERE r.outcome = 'retry' GROUP BY 1, 2) g)
    INTO v_outcomes, v_specs;
  IF cardinality(p_unsent) > 0 THEN
    v_specs := coalesce(v_specs, '{}') || ll_delivery_job(p_business, p_endpoint, p_unsent, p_attempts, NULL);
  END IF;
  IF v_specs IS NOT NULL THEN
    PERFORM graphile_worker.add_jobs(v_specs);
  END IF;

  -- The endpoint's health: a 410 turns it off; a success clears the failure streak; a failure
  -- starts one, and a streak as old as p_failing_after marks it FAILING (no more retries).
  IF 'gone' = ANY(v_outcomes) THEN
    UPDATE "webhook_endpoints" SET "status" = 'DISABLED', "disabled_at" = now(), "updated_at" = now(),
           "status_reason" = 'The endpoint answered 410 Gone, which asks for no more deliveries.'
     WHERE "business_id" = p_business AND "id" = p_endpoint AND "status" = 'ACTIVE';
  ELSIF 'delivered' = ANY(v_outcomes) THEN
    UPDATE "webhook_endpoints" SET "failing_since" = NULL
     WHERE "business_id" = p_business AND "id" = p_endpoint AND "failing_since" IS NOT NULL;
  ELSIF v_outcomes && ARRAY['retry', 'failed'] THEN
    -- A failure long after the last one (beyond every retry: nothing was sent in between)
    -- starts a new streak: an old, ended outage doesn't count towards this one.
    UPDATE "webhook_endpoints"
       SET "failing_since" = CASE WHEN "failing_since" IS NULL OR "last_failure_at" < now() - interval '2 days' THEN now() ELSE "failing_since" END,
           "last_failure_at" = now()
     WHERE "business_id" = p_business AND "id" = p_endpoint;
    PERFORM ll_mark_failing_endpoints(p_business, p_endpoint, p_failing_after);
  END IF;
  SELECT "status"::text INTO v_status FROM "webhook_endpoints" WHERE "business_id" = p_business AND "id" = p_endpoint;
  RETURN v_status;
END $$;

-- Marks FAILING the active endpoints of a business (one, or all when p_endpoint is null) that
-- were still failing p_failing_after into their failure streak: no more retries until the
-- owner enables them again. An endpoint whose last failure came earlier (it recovered, or
-- nothing was sent since) is left alone: a streak's age alone proves nothing.
CREATE OR REPLACE FUNCTION ll_mark_failing_endpoints(p_business uuid, p_endpoint uuid, p_failing_after interval)
RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  v_count int;
BEGIN
  UPDATE "webhook_endpoints" SET "status" = 'FAILING', "disabled_at" = now(), "updated_at" = now(),
         "status_reason" = 'Every delivery failed for 3 days or more; retries stopped. Fix the endpoint, then enable it and replay what it missed.'
   WHERE "business_id" = p_business AND (p_endpoint IS NULL OR "id" = p_endpoint)
     AND "status" = 'ACTIVE' AND "failing_since" <= now() - p_failing_after
     AND "last_failure_at" >= "failing_since" + p_failing_after;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END $$;

-- A delivery job the queue gave up on (it failed every try: the database refused to record its
-- attempts): its deliveries would otherwise wait for ever. They end FAILED, so the log shows
-- them and a replay of missed events sends them. Only from the attempt count the job was for.
CREATE OR REPLACE FUNCTION ll_give_up_deliveries(p_business uuid, p_endpoint uuid, p_ids uuid[], p_attempts int, p_error text)
RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  v_count int;
BEGIN
  UPDATE "webhook_deliveries" SET "status" = 'FAILED', "next_attempt_at" = NULL, "last_error" = p_error
   WHERE "business_id" = p_business AND "endpoint_id" = p_endpoint AND "id" = ANY(p_ids)
     AND "status" = 'PENDING' AND "attempts" = p_attempts;
  GET DIAGNOSTICS v_count = ROW_COUNT;
  RETURN v_count;
END $$;

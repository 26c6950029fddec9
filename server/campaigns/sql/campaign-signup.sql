-- Called by customer_insert() (the one way a customer signs up: an award or check-in to someone
-- new, POST /customers, PUT /customers/{externalId}, bulk, the portal; not the CSV import,
-- whose customers are migrating, not signing up). When a sign-up campaign runs, the bonus is
-- queued as a job in the enrolment's own transaction: it can't be lost, it is never written
-- for an enrolment that rolled back, and the award that enrolled them pays one index probe.
-- The job names the campaigns running now: ending one before the job runs (or retries) doesn't
-- take back a bonus the customer signed up under.
CREATE OR REPLACE FUNCTION ll_campaign_signup(c "customers") RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_ids uuid[];
BEGIN
  SELECT array_agg(k."id" ORDER BY k."created_at") INTO v_ids FROM "campaigns" k
   WHERE k."business_id" = c."business_id" AND k."kind" = 'SIGNUP' AND k."active" AND k."points" > 0
     AND (k."starts_at" IS NULL OR k."starts_at" <= c."created_at")
     AND (k."ends_at" IS NULL OR k."ends_at" > c."created_at");
  IF v_ids IS NOT NULL THEN
    PERFORM graphile_worker.add_job('campaign_signup',
      json_build_object('businessId', c."business_id", 'customerId', c."id", 'campaignIds', v_ids), max_attempts := 10);
  END IF;
END $$;

-- Called by customer_insert() (the one way a customer signs up: an award or check-in to someone
-- new, POST /customers, PUT /customers/{externalId}, bulk, the portal; not the CSV import,
-- whose customers are migrating, not signing up). When a sign-up campaign runs, the bonus is
-- queued as a job in the enrolment's own transaction: it can't be lost, it is never written
-- for an enrolment that rolled back, and the award that enrolled them pays one index probe.
CREATE OR REPLACE FUNCTION ll_campaign_signup(c "customers") RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "campaigns" k
              WHERE k."business_id" = c."business_id" AND k."kind" = 'SIGNUP' AND k."active"
                AND (k."starts_at" IS NULL OR k."starts_at" <= c."created_at")
                AND (k."ends_at" IS NULL OR k."ends_at" > c."created_at")) THEN
    PERFORM graphile_worker.add_job('campaign_signup', json_build_object('businessId', c."business_id", 'customerId', c."id"), max_attempts := 10);
  END IF;
END $$;

-- Awards a badge and writes its badge.awarded event in one statement: a badge is held once, so
-- a repeat award (a retry, or the loser of a concurrent one: ON CONFLICT DO NOTHING waits for
-- the winner) inserts nothing and announces nothing. True when this call made the award.
CREATE OR REPLACE FUNCTION ll_award_badge(p_business uuid, p_customer uuid, p_badge uuid) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
  v_award "customer_badges";
BEGIN
  INSERT INTO "customer_badges" ("business_id", "customer_id", "badge_id")
  VALUES (p_business, p_customer, p_badge)
  ON CONFLICT DO NOTHING
  RETURNING * INTO v_award;
  IF v_award."id" IS NULL THEN RETURN false; END IF;
  PERFORM ll_emit_badge_awarded(v_award);
  RETURN true;
END $$;

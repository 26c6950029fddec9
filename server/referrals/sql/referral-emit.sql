-- referral.created, referral.completed and referral.voided: {referral}, ids, points and dates only. The referee's
-- email and phone stay out of events (they may not be a customer, and erasure clears them from
-- the referral alone), so an erased customer's referral events hold nothing to erase.
CREATE OR REPLACE FUNCTION ll_referral_json(r "referrals") RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN jsonb_build_object(
    'id', r."id", 'referrerId', r."referrer_id", 'refereeId', r."referee_id", 'code', r."code", 'source', r."source",
    'status', r."status", 'orderId', r."order_id", 'referrerPoints', r."referrer_points", 'refereePoints', r."referee_points",
    'referrerEntryId', r."referrer_entry_id", 'refereeEntryId', r."referee_entry_id",
    'createdAt', ll_iso(r."created_at"), 'completedAt', ll_iso(r."completed_at"), 'voidedAt', ll_iso(r."voided_at"),
    'pointsUnrecovered', r."points_unrecovered");
END $$;

CREATE OR REPLACE FUNCTION ll_emit_referral(r "referrals") RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF r."id" IS NULL THEN
    RAISE EXCEPTION 'no referral to announce' USING ERRCODE = 'LL500';
  END IF;
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  VALUES (r."business_id", CASE r."status" WHEN 'COMPLETED' THEN 'referral.completed' WHEN 'VOIDED' THEN 'referral.voided' ELSE 'referral.created' END,
          jsonb_build_object('referral', ll_referral_json(r)));
END $$;

-- referral.withdrawn: {referral: {id, referrerId, withdrawnAt}}, ids only (the row, with the
-- email or phone it was made to, is being deleted).
CREATE OR REPLACE FUNCTION ll_emit_referral_withdrawn(r "referrals") RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  VALUES (r."business_id", 'referral.withdrawn',
          jsonb_build_object('referral', jsonb_build_object('id', r."id", 'referrerId', r."referrer_id", 'withdrawnAt', ll_iso(now()))));
END $$;

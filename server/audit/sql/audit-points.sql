-- An audit record written by the ledger itself, in the same transaction as the entry it names:
-- manual adjustments and reversals are audited whichever door they came through (portal, API,
-- bulk, erasure), and a rolled-back write leaves no record. The actor fields come from the
-- same request as the entry (see write-ledger.ts); record-audit.ts writes the same columns.
CREATE OR REPLACE FUNCTION ll_audit_points(req jsonb, p_action text, e "ledger_entries", p_details jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "audit_logs" ("business_id", "actor_type", "actor_id", "actor_name", "action", "target_type", "target_id", "details", "request_id")
  VALUES (e."business_id", (req->>'actorType')::"ActorType", req->>'actorId', req->>'staffName', p_action, 'customer',
          e."customer_id"::text,
          jsonb_build_object('entryId', e."id", 'points', e."points", 'reason', e."description") || p_details,
          req->>'requestId');
END $$;

-- Customer import (server/import/import-customers.ts): many customers and their opening
-- balances at once, set-based, with the ledger's invariants exactly as ledger_write keeps them.
-- The caller stages the file's valid rows in its session's temporary table pg_temp.import_rows
-- (line, email, phone, external_id, name, birthday, opening, customer_id: the existing customer
-- the row names, new_id and entry_id: the ids a new customer and its opening entry get, drawn
-- when staged, referral_code: a new customer's code, drawn when staged, unique in the file and
-- not taken in the business then, error_field, error)
-- and applies it a range of lines at a time, each range its own short transaction. Rows are
-- rewritten only when something changes: a temporary table is written like any other.

-- Finds the live customer each staged row names by email, phone or external id. A row whose
-- identifiers name two different customers is an error (nothing of it is applied).
CREATE OR REPLACE FUNCTION ll_import_match(p_business uuid, p_from int, p_to int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH m AS (
    SELECT s."line", ce."id" AS by_email, cp."id" AS by_phone, cx."id" AS by_external
      FROM pg_temp.import_rows s
      LEFT JOIN "customers" ce ON ce."business_id" = p_business AND ce."email" = s."email"
      LEFT JOIN "customers" cp ON cp."business_id" = p_business AND cp."phone" = s."phone"
      LEFT JOIN "customers" cx ON cx."business_id" = p_business AND cx."external_id" = s."external_id"
     WHERE s."line" BETWEEN p_from AND p_to AND s."error" IS NULL)
  UPDATE pg_temp.import_rows s SET
    "customer_id" = coalesce(m.by_email, m.by_phone, m.by_external),
    "error_field" = CASE WHEN m.by_phone <> coalesce(m.by_email, m.by_phone) THEN 'phone'
                         WHEN m.by_external <> coalesce(m.by_email, m.by_phone, m.by_external) THEN 'external_id' END,
    "error" = CASE WHEN m.by_phone <> coalesce(m.by_email, m.by_phone)
                     OR m.by_external <> coalesce(m.by_email, m.by_phone, m.by_external)
                   THEN 'belongs to a different existing customer than the row''s other identifiers' END
    FROM m WHERE s."line" = m."line" AND num_nonnulls(m.by_email, m.by_phone, m.by_external) > 0
     AND (s."customer_id" IS DISTINCT FROM coalesce(m.by_email, m.by_phone, m.by_external)
          OR m.by_phone <> coalesce(m.by_email, m.by_phone) OR m.by_external <> coalesce(m.by_email, m.by_phone, m.by_external));
END $$;

-- Applies staged lines p_from..p_to: creates the customers no row matched, fills in matched
-- customers' fields where the row gives a value (only those that differ, so a re-run updates
-- nothing), and posts each opening balance once per customer, keyed
-- import-opening:<customer id> in idempotency_keys.
--
-- An opening balance is an ADJUST credit (a balance carried over, not a purchase: no tier
-- multiplier, never pending). For a customer this call creates it is written set-based, as
-- customer_insert + ll_credit + ll_append would write it: the entry, its lot (expiring after the
-- business's expiry days), the caches, the tier (a tier_changes row when it moves) and the key.
-- Their events are one customers.imported for the batch (ll_emit_customers_imported says why),
-- not a customer.created, customer.tier_changed and points.adjusted each. A customer who
-- already existed may have lots to expire or release first: theirs goes through ledger_write
-- itself, with its events, as does the customers trigger's customer.updated.
-- req: {actorType, actorId, staffName, source, requestId, description}.
-- Returns {created, updated, posted, alreadyPosted, conflicts}.
--
-- Every join here goes from a batch's rows to a customer by a unique index. Left to itself, the
-- planner hashes the business's whole customers table instead (cheaper for one batch by its
-- estimate), so each batch read every customer the earlier ones wrote: a million-row import
-- read tens of millions. Hash and merge joins are off inside this function only.
CREATE OR REPLACE FUNCTION ll_import_apply(p_business uuid, req jsonb, p_from int, p_to int) RETURNS jsonb LANGUAGE plpgsql
SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE
  v_expiry_days int;
  v_tiers jsonb;
  v_tier_names text[];
  v_tier_mins int[];
  v_base_tier text;
  v_created int;
  v_updated int;
  v_posted int;
  v_already int;
  v_conflicts int;
  v_points bigint := 0;
  r record;
  r_count int;
  r_points bigint;
BEGIN
  SELECT b."point_expiry_days", b."tiers" INTO v_expiry_days, v_tiers FROM "businesses" b WHERE b."id" = p_business;
  v_base_tier := ll_tier(p_business, 0);
  -- The tier table sorted once, lowest first: width_bucket then gives each new row's tier as the
  -- highest it reaches (ll_tier's rule; 0, no tier, below every one) in one expression, where a
  -- subquery per row cost a tenth of the customers insert.
  SELECT array_agg(t->>'name' ORDER BY (t->>'minPoints')::int), array_agg((t->>'minPoints')::int ORDER BY (t->>'minPoints')::int)
    INTO v_tier_names, v_tier_mins FROM jsonb_array_elements(v_tiers) t;
  -- Matched afresh: someone may have enrolled since the file was checked.
  PERFORM ll_import_match(p_business, p_from, p_to);

  -- New customers, with their opening balance already in the caches and their tier for it, and
  -- the code drawn for them when staged (checked then to be free). First as a plain insert: ON
  -- CONFLICT DO NOTHING checks every unique index before each row and made the insert half as
  -- slow again. A conflict means someone enrolled with one of the batch's identifiers, or drew
  -- one of its codes, meanwhile; the batch is then inserted again skipping such rows, with
  -- codes the trigger draws.
  BEGIN
    INSERT INTO "customers" ("id", "business_id", "email", "phone", "external_id", "name", "birthday", "tier",
                             "balance", "lifetime_earned", "last_activity_at", "referral_code")
    SELECT s."new_id", p_business, s."email", s."phone", s."external_id", s."name", s."birthday",
           CASE WHEN s."opening" > 0 THEN v_tier_names[width_bucket(s."opening", v_tier_mins)] ELSE v_base_tier END,
           s."opening", s."opening", CASE WHEN s."opening" > 0 THEN now() END, s."referral_code"
      FROM pg_temp.import_rows s
     WHERE s."line" BETWEEN p_from AND p_to AND s."error" IS NULL AND s."customer_id" IS NULL
     ORDER BY s."line";
  EXCEPTION WHEN unique_violation THEN
    INSERT INTO "customers" ("id", "business_id", "email", "phone", "external_id", "name", "birthday", "tier",
                             "balance", "lifetime_earned", "last_activity_at")
    SELECT s."new_id", p_business, s."email", s."phone", s."external_id", s."name", s."birthday",
           CASE WHEN s."opening" > 0 THEN v_tier_names[width_bucket(s."opening", v_tier_mins)] ELSE v_base_tier END,
           s."opening", s."opening", CASE WHEN s."opening" > 0 THEN now() END
      FROM pg_temp.import_rows s
     WHERE s."line" BETWEEN p_from AND p_to AND s."error" IS NULL AND s."customer_id" IS NULL
     ORDER BY s."line"
    ON CONFLICT DO NOTHING;
  END;
  GET DIAGNOSTICS v_created = ROW_COUNT;
  v_conflicts := 0;
  -- Neither matched nor inserted: another customer took one of its identifiers meanwhile. Looked
  -- for only when some row wasn't inserted: the anti-join may read every customer of the business.
  IF v_created < (SELECT count(*) FROM pg_temp.import_rows s WHERE s."line" BETWEEN p_from AND p_to AND s."error" IS NULL AND s."customer_id" IS NULL) THEN
    UPDATE pg_temp.import_rows s SET "error_field" = 'email', "error" = 'was taken by a customer enrolled during the import'
     WHERE s."line" BETWEEN p_from AND p_to AND s."error" IS NULL AND s."customer_id" IS NULL
       AND NOT EXISTS (SELECT 1 FROM "customers" c WHERE c."business_id" = p_business AND c."id" = s."new_id");
    GET DIAGNOSTICS v_conflicts = ROW_COUNT;
  END IF;

  v_updated := 0;
  v_already := 0;
  v_posted := 0;
  -- Rows naming existing customers (none in a first import into a new business: then the
  -- planner need not even look, and these joins can't grow with the customers table).
  IF EXISTS (SELECT 1 FROM pg_temp.import_rows s WHERE s."line" BETWEEN p_from AND p_to AND s."error" IS NULL AND s."customer_id" IS NOT NULL) THEN
    -- Existing customers: what the row gives and differs (the customers trigger announces it).
    UPDATE "customers" c SET
      "email" = coalesce(s."email", c."email"), "phone" = coalesce(s."phone", c."phone"),
      "external_id" = coalesce(s."external_id", c."external_id"), "name" = coalesce(s."name", c."name"),
      "birthday" = coalesce(s."birthday", c."birthday"), "updated_at" = now()
      FROM pg_temp.import_rows s
     WHERE s."line" BETWEEN p_from AND p_to AND s."error" IS NULL
       AND c."business_id" = p_business AND c."id" = s."customer_id"
       AND ((s."email" IS NOT NULL AND s."email" IS DISTINCT FROM c."email") OR (s."phone" IS NOT NULL AND s."phone" IS DISTINCT FROM c."phone")
         OR (s."external_id" IS NOT NULL AND s."external_id" IS DISTINCT FROM c."external_id")
         OR (s."name" IS NOT NULL AND s."name" IS DISTINCT FROM c."name") OR (s."birthday" IS NOT NULL AND s."birthday" IS DISTINCT FROM c."birthday"));
    GET DIAGNOSTICS v_updated = ROW_COUNT;

    SELECT count(*) INTO v_already FROM pg_temp.import_rows s
      JOIN "idempotency_keys" k ON k."business_id" = p_business AND k."key" = 'import-opening:' || s."customer_id"
     WHERE s."line" BETWEEN p_from AND p_to AND s."error" IS NULL AND s."opening" > 0;
    -- Existing customers' openings: ledger_write, which expires and releases their lots first.
    FOR r IN SELECT s."customer_id", s."opening" FROM pg_temp.import_rows s
              WHERE s."line" BETWEEN p_from AND p_to AND s."error" IS NULL AND s."opening" > 0 AND s."customer_id" IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM "idempotency_keys" k WHERE k."business_id" = p_business AND k."key" = 'import-opening:' || s."customer_id")
              ORDER BY s."line" LOOP
      PERFORM ledger_write(req || jsonb_build_object('op', 'adjust', 'businessId', p_business, 'customerId', r."customer_id",
                                                     'points', r."opening", 'idempotencyKey', 'import-opening:' || r."customer_id"));
      v_posted := v_posted + 1;
      v_points := v_points + r."opening";
    END LOOP;
  END IF;

  -- New customers' openings: entry, lot, key and tier change (the caches are set above); the
  -- entry id was drawn when the row was staged, so all four come straight from the row.
  WITH e AS (
  INSERT INTO "ledger_entries" ("id", "business_id", "customer_id", "type", "points", "balance_after", "description",
                                "idempotency_key", "actor_type", "actor_id", "staff_name", "source", "request_id", "expires_at")
  SELECT s."entry_id", p_business, s."new_id", 'ADJUST', s."opening", s."opening", req->>'description',
         'import-opening:' || s."new_id", (req->>'actorType')::"ActorType", req->>'actorId', req->>'staffName',
         (req->>'source')::"EntrySource", req->>'requestId', now() + make_interval(days => v_expiry_days)
    FROM pg_temp.import_rows s
   WHERE s."line" BETWEEN p_from AND p_to AND s."error" IS NULL AND s."customer_id" IS NULL AND s."opening" > 0
   ORDER BY s."line"
  RETURNING "points")
  SELECT count(*), coalesce(sum("points"), 0) INTO r_count, r_points FROM e;
  v_points := v_points + r_points;
  v_posted := v_posted + r_count;
  -- Lots and tier changes get time-ordered ids too (their default is random), for the reason
  -- the staged ids are (stage-import-file.ts).
  INSERT INTO "point_lots" ("id", "business_id", "customer_id", "entry_id", "points", "remaining", "expires_at")
  SELECT uuidv7(), p_business, s."new_id", s."entry_id", s."opening", s."opening", now() + make_interval(days => v_expiry_days)
    FROM pg_temp.import_rows s
   WHERE s."line" BETWEEN p_from AND p_to AND s."error" IS NULL AND s."customer_id" IS NULL AND s."opening" > 0;
  INSERT INTO "idempotency_keys" ("business_id", "key", "entry_id", "outcome")
  SELECT p_business, 'import-opening:' || s."new_id", s."entry_id", jsonb_build_object('customerId', s."new_id", 'customerCreated', true,
           'balance', s."opening", 'expiredId', NULL, 'context', NULL)
    FROM pg_temp.import_rows s
   WHERE s."line" BETWEEN p_from AND p_to AND s."error" IS NULL AND s."customer_id" IS NULL AND s."opening" > 0;
  -- Their tier as the customers INSERT gave it, from the row: no join back to customers (its
  -- plan read every customer of the business, each batch more).
  INSERT INTO "tier_changes" ("id", "business_id", "customer_id", "from_tier", "to_tier", "qualifying_points", "reason")
  SELECT uuidv7(), p_business, s."new_id", v_base_tier, v_tier_names[width_bucket(s."opening", v_tier_mins)], s."opening", 'EARNED'
    FROM pg_temp.import_rows s
   WHERE s."line" BETWEEN p_from AND p_to AND s."error" IS NULL AND s."customer_id" IS NULL AND s."opening" > 0
     AND v_tier_names[width_bucket(s."opening", v_tier_mins)] IS DISTINCT FROM v_base_tier;

  IF v_created + v_updated + v_posted > 0 THEN
    PERFORM ll_emit_customers_imported(p_business, jsonb_build_object('created', v_created, 'updated', v_updated,
              'balancesPosted', v_posted, 'pointsPosted', v_points, 'fromLine', p_from, 'toLine', p_to));
  END IF;
  RETURN jsonb_build_object('created', v_created, 'updated', v_updated, 'posted', v_posted, 'alreadyPosted', v_already, 'conflicts', v_conflicts);
END $$;

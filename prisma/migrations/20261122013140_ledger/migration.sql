-- CreateEnum
CREATE TYPE "CustomerStatus" AS ENUM ('ACTIVE', 'BLOCKED');

-- CreateEnum
CREATE TYPE "EntryType" AS ENUM ('AWARD', 'REDEEM', 'ADJUST', 'EXPIRE', 'REVERSAL');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('USER', 'API_KEY', 'SYSTEM');

-- CreateEnum
CREATE TYPE "EntrySource" AS ENUM ('API', 'PORTAL', 'POS', 'BULK', 'JOB');

-- AlterTable
ALTER TABLE "businesses" ADD COLUMN     "point_expiry_days" INTEGER,
ADD COLUMN     "tiers" JSONB NOT NULL DEFAULT '[{"name":"Bronze","minLifetimePoints":0},{"name":"Silver","minLifetimePoints":1000},{"name":"Gold","minLifetimePoints":5000}]';

-- CreateTable
CREATE TABLE "customers" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "external_id" TEXT,
    "name" TEXT,
    "status" "CustomerStatus" NOT NULL DEFAULT 'ACTIVE',
    "tier" TEXT,
    "balance" INTEGER NOT NULL DEFAULT 0,
    "lifetime_earned" INTEGER NOT NULL DEFAULT 0,
    "lifetime_redeemed" INTEGER NOT NULL DEFAULT 0,
    "last_activity_at" TIMESTAMPTZ(3),
    "erased_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ledger_entries" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "type" "EntryType" NOT NULL,
    "points" INTEGER NOT NULL,
    "balance_after" INTEGER NOT NULL,
    "description" TEXT,
    "reference" TEXT,
    "idempotency_key" TEXT,
    "request_hash" TEXT,
    "actor_type" "ActorType" NOT NULL,
    "actor_id" TEXT,
    "staff_name" TEXT,
    "source" "EntrySource" NOT NULL,
    "metadata" JSONB,
    "expires_at" TIMESTAMPTZ(3),
    "reverses_entry_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ledger_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "point_lots" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "customer_id" UUID NOT NULL,
    "entry_id" UUID NOT NULL,
    "points" INTEGER NOT NULL,
    "remaining" INTEGER NOT NULL,
    "depleted" BOOLEAN NOT NULL DEFAULT false,
    "expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "point_lots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lot_allocations" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "business_id" UUID NOT NULL,
    "entry_id" UUID NOT NULL,
    "lot_id" UUID NOT NULL,
    "points" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lot_allocations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_events" (
    "id" BIGSERIAL NOT NULL,
    "business_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),

    CONSTRAINT "outbox_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "customers_business_id_created_at_idx" ON "customers"("business_id", "created_at");

-- CreateIndex
CREATE INDEX "customers_business_id_balance_idx" ON "customers"("business_id", "balance");

-- CreateIndex
CREATE UNIQUE INDEX "customers_business_id_email_key" ON "customers"("business_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "customers_business_id_phone_key" ON "customers"("business_id", "phone");

-- CreateIndex
CREATE UNIQUE INDEX "customers_business_id_external_id_key" ON "customers"("business_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "customers_business_id_id_key" ON "customers"("business_id", "id");

-- CreateIndex
CREATE INDEX "ledger_entries_business_id_customer_id_created_at_idx" ON "ledger_entries"("business_id", "customer_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "ledger_entries_business_id_created_at_idx" ON "ledger_entries"("business_id", "created_at");

-- CreateIndex
CREATE INDEX "ledger_entries_business_id_reference_idx" ON "ledger_entries"("business_id", "reference");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entries_business_id_idempotency_key_key" ON "ledger_entries"("business_id", "idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "ledger_entries_business_id_reverses_entry_id_key" ON "ledger_entries"("business_id", "reverses_entry_id");

-- CreateIndex
CREATE INDEX "point_lots_business_id_entry_id_idx" ON "point_lots"("business_id", "entry_id");

-- CreateIndex
CREATE INDEX "lot_allocations_business_id_entry_id_idx" ON "lot_allocations"("business_id", "entry_id");

-- CreateIndex
CREATE INDEX "lot_allocations_business_id_lot_id_idx" ON "lot_allocations"("business_id", "lot_id");

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_business_id_fkey" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_business_id_customer_id_fkey" FOREIGN KEY ("business_id", "customer_id") REFERENCES "customers"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "point_lots" ADD CONSTRAINT "point_lots_business_id_customer_id_fkey" FOREIGN KEY ("business_id", "customer_id") REFERENCES "customers"("business_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- =============================================================================================
-- Hand-written below: invariants the database itself enforces, and the one write path of the
-- ledger. Every movement goes through ledger_write(jsonb) in ONE round trip: it locks the
-- customer row, then reads lots with a fresh snapshot (READ COMMITTED gives each statement in
-- a function its own), so concurrent writers on one customer serialise without lost updates.
-- =============================================================================================

ALTER TABLE "customers" ADD CONSTRAINT "customers_balance_non_negative" CHECK ("balance" >= 0);
ALTER TABLE "customers" ADD CONSTRAINT "customers_lifetime_non_negative" CHECK ("lifetime_earned" >= 0 AND "lifetime_redeemed" >= 0);
ALTER TABLE "point_lots" ADD CONSTRAINT "point_lots_remaining_in_range" CHECK ("remaining" >= 0 AND "remaining" <= "points");
ALTER TABLE "point_lots" ADD CONSTRAINT "point_lots_depleted_flag" CHECK ("depleted" = ("remaining" = 0));
-- Room on each page for HOT updates of `remaining`.
ALTER TABLE "point_lots" SET (fillfactor = 80);
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_balance_after_non_negative" CHECK ("balance_after" >= 0);
-- The API caps metadata at 1 KB of compact JSON; jsonb's text form adds a space after every
-- ":" and ",", so the database's backstop allows twice that.
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_metadata_size" CHECK ("metadata" IS NULL OR octet_length("metadata"::text) <= 2048);

-- Open lots in consumption order (soonest expiry first, never-expiring last), and open lots by
-- expiry for the expiry job. Predicates name `depleted`, never `remaining` (see schema.prisma).
CREATE INDEX "point_lots_open_idx" ON "point_lots" ("business_id", "customer_id", "expires_at" ASC NULLS LAST, "created_at", "id") WHERE NOT "depleted";
CREATE INDEX "point_lots_expiring_idx" ON "point_lots" ("expires_at") WHERE NOT "depleted" AND "expires_at" IS NOT NULL;
CREATE INDEX "outbox_events_unpublished_idx" ON "outbox_events" ("id") WHERE "published_at" IS NULL;

-- Append-only tables: no code path updates or deletes them, and the database refuses to.
CREATE FUNCTION ll_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only; % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'LL000';
END $$;
CREATE TRIGGER "ledger_entries_append_only" BEFORE UPDATE OR DELETE ON "ledger_entries" FOR EACH ROW EXECUTE FUNCTION ll_reject_change();
CREATE TRIGGER "ledger_entries_no_truncate" BEFORE TRUNCATE ON "ledger_entries" FOR EACH STATEMENT EXECUTE FUNCTION ll_reject_change();
CREATE TRIGGER "lot_allocations_append_only" BEFORE UPDATE OR DELETE ON "lot_allocations" FOR EACH ROW EXECUTE FUNCTION ll_reject_change();
CREATE TRIGGER "lot_allocations_no_truncate" BEFORE TRUNCATE ON "lot_allocations" FOR EACH STATEMENT EXECUTE FUNCTION ll_reject_change();

-- The tier a lifetime total reaches under the business's tier table.
CREATE FUNCTION ll_tier(p_business uuid, p_lifetime int) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT t->>'name' FROM "businesses" b, jsonb_array_elements(b."tiers") t
   WHERE b."id" = p_business AND (t->>'minLifetimePoints')::int <= p_lifetime
   ORDER BY (t->>'minLifetimePoints')::int DESC LIMIT 1
$$;

CREATE FUNCTION ll_customer_tier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."tier" := coalesce(NEW."tier", ll_tier(NEW."business_id", NEW."lifetime_earned"));
  RETURN NEW;
END $$;
CREATE TRIGGER "customers_initial_tier" BEFORE INSERT ON "customers" FOR EACH ROW EXECUTE FUNCTION ll_customer_tier();

-- Consume up to p_amount points from the customer's open lots, soonest expiry first (only lots
-- expiring at or before p_before when given), recording each take against p_entry. No row
-- locks on lots: every lot write happens under the owning customer's row lock.
CREATE FUNCTION ll_consume(p_business uuid, p_customer uuid, p_entry uuid, p_amount int, p_before timestamptz)
RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  lots refcursor;
  lot record;
  v_left int := p_amount;
  v_take int;
BEGIN
  -- Two static queries, not one with "(p_before IS NULL OR ...)": PL/pgSQL caches a generic
  -- plan, and for that OR it can't bound the index scan, so every debit's expiry check would
  -- walk all of a customer's open lots.
  IF p_before IS NULL THEN
    OPEN lots FOR SELECT "id", "remaining" FROM "point_lots"
     WHERE "business_id" = p_business AND "customer_id" = p_customer AND NOT "depleted"
     ORDER BY "expires_at" ASC NULLS LAST, "created_at", "id";
  ELSE
    OPEN lots FOR SELECT "id", "remaining" FROM "point_lots"
     WHERE "business_id" = p_business AND "customer_id" = p_customer AND NOT "depleted" AND "expires_at" <= p_before
     ORDER BY "expires_at" ASC NULLS LAST, "created_at", "id";
  END IF;
  WHILE v_left > 0 LOOP
    FETCH lots INTO lot;
    EXIT WHEN NOT FOUND;
    v_take := least(v_left, lot."remaining");
    UPDATE "point_lots" SET "remaining" = "remaining" - v_take, "depleted" = ("remaining" = v_take) WHERE "id" = lot."id";
    INSERT INTO "lot_allocations" ("business_id", "entry_id", "lot_id", "points") VALUES (p_business, p_entry, lot."id", -v_take);
    v_left := v_left - v_take;
  END LOOP;
  CLOSE lots;
  RETURN p_amount - v_left;
END $$;

-- Append one entry: move the cached balance and lifetime totals, write the entry and its
-- outbox event. The caller holds the customer row lock and has checked the balance.
CREATE FUNCTION ll_append(
  p_id uuid, p_business uuid, p_customer uuid, p_type "EntryType", p_points int,
  p_earned int, p_redeemed int, req jsonb, p_expires_at timestamptz, p_reverses uuid
) RETURNS "ledger_entries" LANGUAGE plpgsql AS $$
DECLARE
  v_balance int;
  v_entry "ledger_entries";
  v_system boolean := p_type = 'EXPIRE' AND req->>'op' <> 'expire';
BEGIN
  UPDATE "customers" SET
    "balance" = "balance" + p_points,
    "lifetime_earned" = "lifetime_earned" + p_earned,
    "lifetime_redeemed" = "lifetime_redeemed" + p_redeemed,
    "tier" = CASE WHEN p_earned = 0 THEN "tier" ELSE ll_tier(p_business, "lifetime_earned" + p_earned) END,
    "last_activity_at" = CASE WHEN p_type = 'EXPIRE' THEN "last_activity_at" ELSE now() END,
    "updated_at" = now()
  WHERE "business_id" = p_business AND "id" = p_customer
  RETURNING "balance" INTO v_balance;

  INSERT INTO "ledger_entries" (
    "id", "business_id", "customer_id", "type", "points", "balance_after", "description", "reference",
    "idempotency_key", "request_hash", "actor_type", "actor_id", "staff_name", "source", "metadata",
    "expires_at", "reverses_entry_id")
  VALUES (
    p_id, p_business, p_customer, p_type, p_points, v_balance,
    CASE WHEN v_system THEN 'Points expired' ELSE req->>'description' END,
    CASE WHEN v_system THEN NULL ELSE req->>'reference' END,
    CASE WHEN v_system THEN NULL ELSE req->>'idempotencyKey' END,
    CASE WHEN v_system THEN NULL ELSE req->>'requestHash' END,
    CASE WHEN v_system THEN 'SYSTEM' ELSE (req->>'actorType') END::"ActorType",
    CASE WHEN v_system THEN NULL ELSE req->>'actorId' END,
    CASE WHEN v_system THEN NULL ELSE req->>'staffName' END,
    CASE WHEN v_system THEN 'JOB' ELSE (req->>'source') END::"EntrySource",
    CASE WHEN v_system THEN NULL ELSE nullif(req->'metadata', 'null'::jsonb) END,
    p_expires_at, p_reverses)
  RETURNING * INTO v_entry;

  INSERT INTO "outbox_events" ("business_id", "type", "payload") VALUES (
    p_business,
    CASE p_type WHEN 'AWARD' THEN 'points.earned' WHEN 'REDEEM' THEN 'points.redeemed' WHEN 'ADJUST' THEN 'points.adjusted'
                WHEN 'EXPIRE' THEN 'points.expired' ELSE 'points.reversed' END,
    jsonb_build_object('entry', to_jsonb(v_entry), 'customerId', p_customer, 'balance', v_balance));
  RETURN v_entry;
END $$;

-- Expire lots past p_before (all of them, or FIFO up to p_amount), as one EXPIRE entry.
-- Returns NULL when nothing was due.
CREATE FUNCTION ll_expire(p_business uuid, p_customer uuid, p_before timestamptz, p_amount int, req jsonb)
RETURNS "ledger_entries" LANGUAGE plpgsql AS $$
DECLARE
  v_id uuid := gen_random_uuid();
  v_taken int;
BEGIN
  v_taken := ll_consume(p_business, p_customer, v_id, coalesce(p_amount, 2147483647), p_before);
  IF v_taken = 0 THEN RETURN NULL; END IF;
  RETURN ll_append(v_id, p_business, p_customer, 'EXPIRE', -v_taken, 0, 0, req, NULL, NULL);
END $$;

-- Find or enrol the customer an award names by email, phone or external id (e: {email, phone,
-- externalId, name}; the first one given is the identity). Runs inside ledger_write(), so a
-- refused award leaves no new customer behind. Returns the id and whether it was created.
CREATE FUNCTION ll_enrol(p_business uuid, e jsonb, OUT id uuid, OUT created boolean) LANGUAGE plpgsql AS $$
DECLARE
  v_row "customers";
BEGIN
  created := false;
  FOR attempt IN 1..2 LOOP
    SELECT c."id" INTO id FROM "customers" c
     WHERE c."business_id" = p_business AND c."erased_at" IS NULL
       AND CASE WHEN e ? 'email' THEN c."email" = e->>'email'
                WHEN e ? 'phone' THEN c."phone" = e->>'phone'
                ELSE c."external_id" = e->>'externalId' END;
    IF id IS NOT NULL OR attempt = 2 THEN EXIT; END IF;
    -- A concurrent enrolment of the same person makes this wait for it, then do nothing; the
    -- second lookup (a new statement, so a fresh snapshot) then finds their row.
    INSERT INTO "customers" ("business_id", "email", "phone", "external_id", "name")
    VALUES (p_business, e->>'email', e->>'phone', e->>'externalId', e->>'name')
    ON CONFLICT DO NOTHING RETURNING * INTO v_row;
    IF v_row."id" IS NOT NULL THEN
      INSERT INTO "outbox_events" ("business_id", "type", "payload")
      VALUES (p_business, 'customer.created', jsonb_build_object('customer', to_jsonb(v_row)));
      id := v_row."id";
      created := true;
      EXIT;
    END IF;
  END LOOP;
  -- The identity is new but another of the given identifiers belongs to someone else.
  IF id IS NULL THEN PERFORM ll_fail('IDENTITY_CONFLICT', 'LL409'); END IF;
END $$;

CREATE FUNCTION ll_fail(p_code text, p_state text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION USING ERRCODE = p_state, MESSAGE = p_code;
END $$;

-- The ledger's single write path. req: {op: award|redeem|adjust|expire|reverse, businessId,
-- customerId, points, description, reference, idempotencyKey, requestHash, actorType, actorId,
-- staffName, source, metadata, expiresAt, entryId (reverse), before and amount (expire)}.
-- Domain refusals raise SQLSTATE LL4xx with the AppError code as the message.
CREATE FUNCTION ledger_write(req jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_op text := req->>'op';
  v_business uuid := (req->>'businessId')::uuid;
  v_customer uuid := (req->>'customerId')::uuid;
  v_key text := req->>'idempotencyKey';
  v_points int := coalesce((req->>'points')::int, 0);
  v_id uuid := gen_random_uuid();
  c "customers";
  v_prior "ledger_entries";
  v_orig "ledger_entries";
  v_entry "ledger_entries";
  v_expired "ledger_entries";
  v_lot "point_lots";
  a record;
  v_take int;
  v_gone int;
  v_expires timestamptz;
  v_created boolean := false;
BEGIN
  IF v_op = 'award' AND v_customer IS NULL AND req ? 'enrol' THEN
    SELECT e."id", e."created" INTO v_customer, v_created FROM ll_enrol(v_business, req->'enrol') e;
  END IF;

  IF v_op = 'reverse' THEN
    SELECT * INTO v_orig FROM "ledger_entries" WHERE "business_id" = v_business AND "id" = (req->>'entryId')::uuid;
    IF NOT FOUND THEN PERFORM ll_fail('ENTRY_NOT_FOUND', 'LL404'); END IF;
    v_customer := v_orig."customer_id";
  END IF;

  SELECT * INTO c FROM "customers" WHERE "business_id" = v_business AND "id" = v_customer FOR UPDATE;
  -- An erased customer is gone for every purpose but the (anonymised) ledger history.
  IF NOT FOUND OR c."erased_at" IS NOT NULL THEN PERFORM ll_fail('CUSTOMER_NOT_FOUND', 'LL404'); END IF;

  -- Checked under the customer lock: a concurrent request with the same key for the same
  -- customer has committed by now, so it is seen here and replayed instead of written twice.
  -- (The same key on two customers is caught by the unique index; writeLedger replays it.)
  IF v_key IS NOT NULL THEN
    SELECT * INTO v_prior FROM "ledger_entries" WHERE "business_id" = v_business AND "idempotency_key" = v_key;
    IF FOUND THEN
      IF v_prior."request_hash" IS DISTINCT FROM req->>'requestHash' THEN PERFORM ll_fail('IDEMPOTENCY_MISMATCH', 'LL422'); END IF;
      RETURN jsonb_build_object('replay', true, 'entry', to_jsonb(v_prior));
    END IF;
  END IF;

  IF c."status" = 'BLOCKED' AND v_op IN ('award', 'redeem') THEN PERFORM ll_fail('CUSTOMER_BLOCKED', 'LL403'); END IF;
  -- Checked here, after the replay lookup, so a retry after that moment still replays.
  IF (req->>'expiresAt')::timestamptz <= now() THEN PERFORM ll_fail('EXPIRES_IN_PAST', 'LL400'); END IF;

  -- Debits never spend points already past their expiry: expire those first (same transaction,
  -- so a refused debit leaves no expiry behind either).
  IF v_op IN ('redeem', 'reverse') OR (v_op = 'adjust' AND v_points < 0) THEN
    v_expired := ll_expire(v_business, v_customer, now(), NULL, req);
    IF v_expired."id" IS NOT NULL THEN c."balance" := v_expired."balance_after"; END IF;
  END IF;

  CASE
  WHEN v_op = 'award' OR (v_op = 'adjust' AND v_points > 0) THEN
    -- No expiry given: the business's default (NULL days: never).
    v_expires := coalesce((req->>'expiresAt')::timestamptz,
                          (SELECT now() + make_interval(days => "point_expiry_days") FROM "businesses" WHERE "id" = v_business));
    v_entry := ll_append(v_id, v_business, v_customer, CASE WHEN v_op = 'award' THEN 'AWARD' ELSE 'ADJUST' END::"EntryType",
                         v_points, v_points, 0, req, v_expires, NULL);
    INSERT INTO "point_lots" ("business_id", "customer_id", "entry_id", "points", "remaining", "expires_at")
    VALUES (v_business, v_customer, v_id, v_points, v_points, v_expires);

  WHEN v_op = 'redeem' OR v_op = 'adjust' THEN
    v_take := abs(v_points);
    IF c."balance" < v_take THEN PERFORM ll_fail('INSUFFICIENT_POINTS', 'LL422'); END IF;
    PERFORM ll_consume(v_business, v_customer, v_id, v_take, NULL);
    v_entry := ll_append(v_id, v_business, v_customer, CASE WHEN v_op = 'redeem' THEN 'REDEEM' ELSE 'ADJUST' END::"EntryType",
                         -v_take, 0, CASE WHEN v_op = 'redeem' THEN v_take ELSE 0 END, req, NULL, NULL);

  WHEN v_op = 'expire' THEN
    v_entry := ll_expire(v_business, v_customer, coalesce((req->>'before')::timestamptz, now()), (req->>'amount')::int, req);
    IF v_entry."id" IS NULL THEN RETURN jsonb_build_object('replay', false, 'entry', NULL); END IF;

  WHEN v_op = 'reverse' THEN
    IF v_orig."type" IN ('EXPIRE', 'REVERSAL') THEN PERFORM ll_fail('NOT_REVERSIBLE', 'LL422'); END IF;
    IF EXISTS (SELECT 1 FROM "ledger_entries" WHERE "business_id" = v_business AND "reverses_entry_id" = v_orig."id") THEN
      PERFORM ll_fail('ALREADY_REVERSED', 'LL409');
    END IF;
    IF v_orig."points" > 0 THEN
      -- A credit: take back what is left of it. Points of its lot that already expired are gone
      -- and are not taken twice; points spent from it are taken from the customer's other lots.
      SELECT * INTO v_lot FROM "point_lots" WHERE "business_id" = v_business AND "entry_id" = v_orig."id";
      SELECT coalesce(-sum(al."points"), 0) INTO v_gone FROM "lot_allocations" al
        JOIN "ledger_entries" e ON e."business_id" = al."business_id" AND e."id" = al."entry_id"
       WHERE al."business_id" = v_business AND al."lot_id" = v_lot."id" AND e."type" = 'EXPIRE';
      v_take := v_orig."points" - v_gone;
      IF c."balance" < v_take THEN PERFORM ll_fail('INSUFFICIENT_POINTS', 'LL422'); END IF;
      IF v_lot."remaining" > 0 AND v_take > 0 THEN
        UPDATE "point_lots" SET "remaining" = "remaining" - least(v_take, v_lot."remaining"),
                                "depleted" = ("remaining" <= v_take) WHERE "id" = v_lot."id";
        INSERT INTO "lot_allocations" ("business_id", "entry_id", "lot_id", "points") VALUES (v_business, v_id, v_lot."id", -least(v_take, v_lot."remaining"));
      END IF;
      PERFORM ll_consume(v_business, v_customer, v_id, v_take - least(v_take, v_lot."remaining"), NULL);
      v_entry := ll_append(v_id, v_business, v_customer, 'REVERSAL', -v_take, -v_orig."points", 0, req, NULL, v_orig."id");
    ELSE
      -- A debit: give back exactly the lots it took, with their original expiry.
      FOR a IN SELECT "lot_id", "points" FROM "lot_allocations" WHERE "business_id" = v_business AND "entry_id" = v_orig."id" LOOP
        UPDATE "point_lots" SET "remaining" = "remaining" - a."points", "depleted" = false WHERE "id" = a."lot_id";
        INSERT INTO "lot_allocations" ("business_id", "entry_id", "lot_id", "points") VALUES (v_business, v_id, a."lot_id", -a."points");
      END LOOP;
      v_entry := ll_append(v_id, v_business, v_customer, 'REVERSAL', -v_orig."points", 0,
                           CASE WHEN v_orig."type" = 'REDEEM' THEN v_orig."points" ELSE 0 END, req, NULL, v_orig."id");
      -- A restored lot keeps its original expiry; if that has passed, it expires now rather
      -- than lingering in the balance until the next debit or expiry run.
      v_expired := coalesce(ll_expire(v_business, v_customer, now(), NULL, req), v_expired);
    END IF;

  ELSE
    PERFORM ll_fail('VALIDATION_ERROR', 'LL400');
  END CASE;

  RETURN jsonb_build_object('replay', false, 'entry', to_jsonb(v_entry),
                            'expired', CASE WHEN v_expired."id" IS NULL THEN NULL ELSE to_jsonb(v_expired) END,
                            'balance', (SELECT "balance" FROM "customers" WHERE "id" = v_customer),
                            'customerCreated', v_created);
END $$;

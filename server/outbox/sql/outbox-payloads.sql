-- The public shapes outbox events carry: one builder per object, each an explicit list of
-- fields (never a whole row, so a column added for internal use never leaks to integrators).
-- They are the webhook payloads: server/outbox/outbox-events.ts documents them with zod, and
-- outbox-events.int.test.ts checks every event against it. Timestamps are ISO 8601 in UTC at
-- millisecond precision, as JSON.stringify writes a Date.

CREATE OR REPLACE FUNCTION ll_iso(p_at timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- The customer as GET /customers/{id} shows it, without staff notes (those stay inside the
-- portal and the API; webhooks go to third parties).
CREATE OR REPLACE FUNCTION ll_customer_json(c "customers") RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', c."id", 'email', c."email", 'phone', c."phone", 'externalId', c."external_id", 'name', c."name",
    'status', c."status", 'tier', c."tier", 'balance', c."balance", 'lifetimeEarned', c."lifetime_earned",
    'lifetimeRedeemed', c."lifetime_redeemed", 'lastActivityAt', ll_iso(c."last_activity_at"), 'createdAt', ll_iso(c."created_at"))
$$;

-- A ledger entry as the API's Transaction shows it.
CREATE OR REPLACE FUNCTION ll_entry_json(e "ledger_entries") RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', e."id", 'customerId', e."customer_id", 'type', e."type", 'points', e."points", 'balanceAfter', e."balance_after",
    'description', e."description", 'reference', e."reference", 'idempotencyKey', e."idempotency_key",
    'actorType', e."actor_type", 'actorId', e."actor_id", 'staffName', e."staff_name", 'source', e."source",
    'metadata', e."metadata", 'expiresAt', ll_iso(e."expires_at"), 'reversesEntryId', e."reverses_entry_id",
    'storeId', e."store_id", 'basePoints', e."base_points", 'multiplierPercent', e."multiplier_percent",
    'availableAt', ll_iso(e."available_at"), 'createdAt', ll_iso(e."created_at"))
$$;

-- A badge as the business named it. The slug is the integrator's own handle for it.
CREATE OR REPLACE FUNCTION ll_badge_json(b "badges") RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', b."id", 'slug', b."slug", 'name', b."name", 'description', b."description")
$$;

-- A lot: the points one entry opened, with what is left of them (the part that will expire).
CREATE OR REPLACE FUNCTION ll_lot_json(l "point_lots") RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', l."id", 'entryId', l."entry_id", 'points', l."remaining", 'expiresAt', ll_iso(l."expires_at"))
$$;

-- A reward as a webhook names it: what was bought and its price, not its stock or settings.
CREATE OR REPLACE FUNCTION ll_reward_json(r "rewards") RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', r."id", 'title', r."title", 'pointsCost', r."points_cost")
$$;

-- A redemption: the points it spent, the coupon code the store turns into a discount, and the
-- ledger entries behind it.
CREATE OR REPLACE FUNCTION ll_redemption_json(d "redemptions") RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', d."id", 'rewardTitle', d."reward_title", 'points', d."points", 'couponCode', d."coupon_code", 'status', d."status",
    'entryId', d."entry_id", 'cancelEntryId', d."cancel_entry_id", 'createdAt', ll_iso(d."created_at"), 'cancelledAt', ll_iso(d."cancelled_at"))
$$;

-- An order as GET /orders/{externalId} shows it, without its lines and refunds.
CREATE OR REPLACE FUNCTION ll_order_json(o "orders") RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', o."id", 'externalId', o."external_id", 'customerId', o."customer_id", 'status', o."status", 'currency', o."currency",
    'subtotal', o."subtotal", 'discount', o."discount", 'shipping', o."shipping", 'tax', o."tax",
    'eligibleAmount', o."eligible_amount", 'points', o."points", 'pointsAwarded', o."points_awarded",
    'pointsRefunded', o."points_refunded", 'pointsUnrecovered', o."points_unrecovered", 'amountRefunded', o."amount_refunded",
    'awardEntryId', o."award_entry_id", 'storeId', o."store_id", 'referralCode', o."referral_code",
    'placedAt', ll_iso(o."placed_at"), 'createdAt', ll_iso(o."created_at"))
$$;

-- One refund of an order: what it gave back and the points it took (or couldn't).
CREATE OR REPLACE FUNCTION ll_order_refund_json(r "order_refunds") RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', r."id", 'idempotencyKey', r."idempotency_key", 'amount', r."amount", 'eligibleAmount', r."eligible_amount",
    'pointsTaken', r."points_taken", 'pointsUnrecovered', r."points_unrecovered", 'entryId', r."entry_id", 'createdAt', ll_iso(r."created_at"))
$$;

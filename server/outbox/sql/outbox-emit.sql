-- The one place each event type is written. Events go into outbox_events in the same
-- transaction as the change they announce; the webhook worker delivers them.

-- customer.created: {customer}.
CREATE OR REPLACE FUNCTION ll_emit_customer_created(c "customers") RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  VALUES (c."business_id", 'customer.created', jsonb_build_object('customer', ll_customer_json(c)));
END $$;

-- points.*: {customer, entry, balance}, customer as it is right after the entry. The type is
-- named for every entry type; a new entry type without an event here is an error, not a
-- silently mislabelled event.
CREATE OR REPLACE FUNCTION ll_emit_entry(e "ledger_entries", c "customers") RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_type text := CASE e."type"
    WHEN 'AWARD' THEN 'points.earned'
    WHEN 'REDEEM' THEN 'points.redeemed'
    WHEN 'ADJUST' THEN 'points.adjusted'
    WHEN 'EXPIRE' THEN 'points.expired'
    WHEN 'REVERSAL' THEN 'points.reversed'
  END;
BEGIN
  IF v_type IS NULL THEN
    RAISE EXCEPTION 'no outbox event type for ledger entry type %', e."type" USING ERRCODE = 'LL500';
  END IF;
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  VALUES (e."business_id", v_type,
          jsonb_build_object('customer', ll_customer_json(c), 'entry', ll_entry_json(e), 'balance', e."balance_after"));
END $$;

-- customer.tier_changed: {customer, previousTier, tier, qualifyingPoints, reason}, customer as it
-- is right after the change. Written by ll_retier (ledger/sql/ll-tier.sql).
CREATE OR REPLACE FUNCTION ll_emit_tier_changed(c "customers", p_from text, p_points int, p_reason text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  VALUES (c."business_id", 'customer.tier_changed',
          jsonb_build_object('customer', ll_customer_json(c), 'previousTier', p_from, 'tier', c."tier",
                             'qualifyingPoints', p_points, 'reason', p_reason));
END $$;

-- points.available: {customer, lot, balance}: a pending lot became spendable. Written by
-- ll_release (ledger/sql/ll-pending.sql), once per lot, with the customer right after.
CREATE OR REPLACE FUNCTION ll_emit_available(c "customers", l "point_lots") RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  VALUES (c."business_id", 'points.available',
          jsonb_build_object('customer', ll_customer_json(c),
                             'lot', jsonb_build_object('id', l."id", 'entryId', l."entry_id", 'points', l."points",
                                                       'availableAt', ll_iso(l."available_at"), 'expiresAt', ll_iso(l."expires_at")),
                             'balance', c."balance"));
END $$;

-- customer.updated: {customer, changes}, changes the public field names that moved (name,
-- email, phone, externalId). Written by the customers trigger (customers/sql/customer-events.sql).
CREATE OR REPLACE FUNCTION ll_emit_customer_updated(c "customers", p_changes text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  VALUES (c."business_id", 'customer.updated', jsonb_build_object('customer', ll_customer_json(c), 'changes', to_jsonb(p_changes)));
END $$;

-- customer.blocked / customer.unblocked: {customer}, named for the status the customer is now in.
CREATE OR REPLACE FUNCTION ll_emit_customer_status(c "customers") RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_type text := CASE c."status" WHEN 'BLOCKED' THEN 'customer.blocked' WHEN 'ACTIVE' THEN 'customer.unblocked' END;
BEGIN
  IF v_type IS NULL THEN
    RAISE EXCEPTION 'no outbox event type for customer status %', c."status" USING ERRCODE = 'LL500';
  END IF;
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  VALUES (c."business_id", v_type, jsonb_build_object('customer', ll_customer_json(c)));
END $$;

-- customer.erased: {customer: {id}}. Ids only: the erased values, and the business's external id
-- (it may be personal), never go out. ll_erase_customer_data() leaves this event as it is.
CREATE OR REPLACE FUNCTION ll_emit_customer_erased(c "customers") RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  VALUES (c."business_id", 'customer.erased', jsonb_build_object('customer', jsonb_build_object('id', c."id")));
END $$;

-- customers.imported: {import: {created, updated, balancesPosted, pointsPosted, fromLine, toLine}},
-- once per batch of a customer import (ledger/sql/ll-import.sql), in its transaction. The
-- customers an import creates get no customer.created (nor their opening balance a
-- points.adjusted, their tier a customer.tier_changed): a million of each would bury a
-- receiver and every live event queued behind them. Existing customers it changes do get theirs.
CREATE OR REPLACE FUNCTION ll_emit_customers_imported(p_business uuid, p_import jsonb) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  VALUES (p_business, 'customers.imported', jsonb_build_object('import', p_import));
END $$;

-- badge.awarded: {customer, badge, awardedAt}, once per award (badges/sql/award-badge.sql).
CREATE OR REPLACE FUNCTION ll_emit_badge_awarded(a "customer_badges") RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  SELECT a."business_id", 'badge.awarded',
         jsonb_build_object('customer', ll_customer_json(c), 'badge', ll_badge_json(b), 'awardedAt', ll_iso(a."awarded_at"))
    FROM "customers" c, "badges" b
   WHERE c."business_id" = a."business_id" AND c."id" = a."customer_id"
     AND b."business_id" = a."business_id" AND b."id" = a."badge_id";
END $$;

-- points.expiring_soon: {customer, lot, balance}, once per lot (ledger/sql/ll-warn-expiring.sql).
-- The balance as the API shows it now: the cached balance less points already past their date
-- that no write has taken out yet (live-balance.ts), in the customer too, so the two agree.
CREATE OR REPLACE FUNCTION ll_emit_lot_expiring(l "point_lots", c "customers") RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_balance int := c."balance" - coalesce((
    SELECT sum(d."remaining") FROM "point_lots" d
     WHERE d."business_id" = c."business_id" AND d."customer_id" = c."id" AND NOT d."depleted" AND d."expires_at" <= now()), 0);
BEGIN
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  VALUES (l."business_id", 'points.expiring_soon',
          jsonb_build_object('customer', ll_customer_json(c) || jsonb_build_object('balance', v_balance), 'lot', ll_lot_json(l), 'balance', v_balance));
END $$;

-- reward.redeemed / reward.redemption_cancelled: {customer, reward, redemption}, named for the
-- redemption's status, customer as it is right after the points moved (rewards/redeem-reward.ts,
-- rewards/cancel-redemption.ts call this in their transaction).
CREATE OR REPLACE FUNCTION ll_emit_redemption(p_business uuid, p_redemption uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "outbox_events" ("business_id", "type", "payload")
  SELECT d."business_id", CASE d."status" WHEN 'ACTIVE' THEN 'reward.redeemed' ELSE 'reward.redemption_cancelled' END,
         jsonb_build_object('customer', ll_customer_json(c), 'reward', ll_reward_json(r), 'redemption', ll_redemption_json(d))
    FROM "redemptions" d
    JOIN "customers" c ON c."business_id" = d."business_id" AND c."id" = d."customer_id"
    JOIN "rewards" r ON r."business_id" = d."business_id" AND r."id" = d."reward_id"
   WHERE d."business_id" = p_business AND d."id" = p_redemption;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no redemption % to announce', p_redemption USING ERRCODE = 'LL500';
  END IF;
END $$;

-- order.created: {order}; order.refunded: {order, refund}, the order as it is after the refund.
-- Takes the rows (r NULL: created), so the statement that inserts an order can announce it too
-- (server/orders/create-order.ts, refund-order.ts).
CREATE OR REPLACE FUNCTION ll_emit_order(o "orders", r "order_refunds") RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF o."id" IS NULL THEN
    RAISE EXCEPTION 'no order to announce' USING ERRCODE = 'LL500';
  END IF;
  IF r."id" IS NULL THEN
    INSERT INTO "outbox_events" ("business_id", "type", "payload")
    VALUES (o."business_id", 'order.created', jsonb_build_object('order', ll_order_json(o)));
  ELSE
    INSERT INTO "outbox_events" ("business_id", "type", "payload")
    VALUES (o."business_id", 'order.refunded', jsonb_build_object('order', ll_order_json(o), 'refund', ll_order_refund_json(r)));
  END IF;
END $$;

-- A new order in one statement (create-order.ts): its store, its award or the customer's
-- enrolment (ledger_write), the order, its lines and its order.created event. One round trip
-- and no interactive transaction: an order costs about what an award costs.
--
-- p: {businessId, storeRef, ledger (a ledger_write request: the award, or an enrol), order
-- {id, externalId, currency, subtotal, discount, shipping, tax, status, placedAt,
-- referralCode, eligibleAmount, points, awards}, items [{position, productExternalId,
-- quantity, unitPrice, lineTotal, excluded, eligibleAmount, points}], requestHash}.
-- The same order sent twice at once: the second waits on the first's order row (or its ledger
-- key) and fails with a unique violation once the first commits; the caller then answers it as
-- a replay. Refusals raise like ledger_write's (LL4xx, the AppError code as the message).
-- A blocked customer's order is recorded with no award, as is any order for one.
CREATE OR REPLACE FUNCTION order_create(p jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  v_business uuid := (p->>'businessId')::uuid;
  o jsonb := p->'order';
  v_store uuid;
  v_req jsonb;
  v_customer uuid;
  v_ledger jsonb;
  v_entry jsonb;
  v_row "orders";
BEGIN
  IF p->>'storeRef' IS NOT NULL THEN
    v_store := ll_store(v_business, p->>'storeRef', false);
  END IF;
  -- The customer first (found or enrolled): a blocked one's order is still the shop's record,
  -- kept with an owner's enrolment (the customer's own would be refused) and no award. Checked
  -- here rather than caught from ledger_write: an EXCEPTION block would put a subtransaction
  -- on every order. (Blocked in the instant between: ledger_write refuses, 403, and a retry
  -- records the order.)
  v_req := p->'ledger';
  v_customer := coalesce((v_req->>'customerId')::uuid, (SELECT e."id" FROM ll_enrol(v_business, v_req->'enrol') e));
  v_req := (v_req - 'enrol') || jsonb_build_object('customerId', v_customer, 'storeId', v_store);
  IF NOT (o->>'awards')::boolean
     OR EXISTS (SELECT 1 FROM "customers" WHERE "business_id" = v_business AND "id" = v_customer AND "status" = 'BLOCKED') THEN
    v_req := (v_req - 'points' - 'idempotencyKey' - 'requestHash') || '{"op": "enrol", "byOwner": true}';
    o := o || '{"awards": false}';
  END IF;
  v_ledger := ledger_write(v_req);
  v_entry := CASE WHEN (o->>'awards')::boolean THEN v_ledger->'entry' END;

  INSERT INTO "orders" ("id", "business_id", "external_id", "customer_id", "currency", "subtotal", "discount", "shipping", "tax", "status",
                        "placed_at", "store_id", "referral_code", "request_hash", "eligible_amount", "points", "award_entry_id", "points_awarded")
  VALUES ((o->>'id')::uuid, v_business, o->>'externalId', (v_ledger->>'customerId')::uuid, o->>'currency', (o->>'subtotal')::int,
          (o->>'discount')::int, (o->>'shipping')::int, (o->>'tax')::int, (o->>'status')::"OrderStatus",
          coalesce((o->>'placedAt')::timestamptz, now()), v_store, o->>'referralCode', p->>'requestHash', (o->>'eligibleAmount')::int,
          (o->>'points')::int, (v_entry->>'id')::uuid, coalesce((v_entry->>'points')::int, 0))
  RETURNING * INTO v_row;

  INSERT INTO "order_items" ("business_id", "order_id", "position", "product_external_id", "quantity", "unit_price", "line_total", "excluded",
                             "eligible_amount", "points")
  SELECT v_business, v_row."id", x."position", x."productExternalId", x."quantity", x."unitPrice", x."lineTotal", x."excluded",
         x."eligibleAmount", x."points"
    FROM jsonb_to_recordset(p->'items') AS x("position" int, "productExternalId" text, "quantity" int, "unitPrice" int,
                                            "lineTotal" int, "excluded" boolean, "eligibleAmount" int, "points" int);

  PERFORM ll_emit_order(v_row, NULL);
  RETURN jsonb_build_object(
    'customerId', v_row."customer_id", 'storeId', v_row."store_id", 'awardEntryId', v_row."award_entry_id",
    'pointsAwarded', v_row."points_awarded", 'placedAt', ll_iso(v_row."placed_at"), 'createdAt', ll_iso(v_row."created_at"),
    'updatedAt', ll_iso(v_row."updated_at"));
END $$;

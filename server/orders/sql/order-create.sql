-- Whether a new order may set off more than its own award (server/orders/order-hooks.ts): a
-- multiplier campaign running at its placedAt, a referral code on it, or a pending referral that
-- may be its customer's (by customer, or made to their email or phone). Index probes only.
-- The customer as the order names them (any of id, email, phone, external id).
CREATE OR REPLACE FUNCTION ll_order_hooks(p_business uuid, p_at timestamptz, p_code text, p_customer uuid, p_email text, p_phone text, p_external text)
RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM "campaigns" c WHERE c."business_id" = p_business AND c."kind" = 'MULTIPLIER' AND c."active"
                    AND c."starts_at" <= coalesce(p_at, now()) AND c."ends_at" > coalesce(p_at, now()))
      OR p_code IS NOT NULL
      OR EXISTS (SELECT 1 FROM "referrals" r WHERE r."business_id" = p_business AND r."status" = 'PENDING'
                    AND (r."referee_email" = p_email OR r."referee_phone" = p_phone))
      OR EXISTS (SELECT 1 FROM "customers" c JOIN "referrals" r ON r."business_id" = c."business_id" AND r."status" = 'PENDING'
                            AND (r."referee_id" = c."id" OR r."referee_email" = c."email" OR r."referee_phone" = c."phone")
                  WHERE c."business_id" = p_business
                    AND (c."id" = p_customer OR c."email" = p_email OR c."phone" = p_phone OR c."external_id" = p_external))
$$;

-- A new order in one statement (create-order.ts): its store, its award or the customer's
-- enrolment (ledger_write), the order, its lines and its order.created event. One round trip
-- and no interactive transaction: an order costs about what an award costs.
--
-- p: {businessId, hooks (the caller runs the order's hooks after this, in its transaction), storeRef, ledger (a ledger_write request: the award, or an enrol), order
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
  -- Judged again now, in the write's own snapshot: a campaign or referral that appeared since
  -- the caller's read sends the order back to be written with its hooks (nothing is written).
  IF NOT coalesce((p->>'hooks')::boolean, false)
     AND ll_order_hooks(v_business, (o->>'placedAt')::timestamptz, o->>'referralCode', v_customer, NULL, NULL, NULL) THEN
    PERFORM ll_fail('ORDER_HOOKS', 'LL409');
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

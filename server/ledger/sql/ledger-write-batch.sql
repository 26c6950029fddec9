-- Several ledger writes in one transaction. writeLedger queues writes in a few lanes per
-- process; the writes that queued while a lane was busy go next as one call of this: one
-- round trip and one durable commit for all of them instead of one each.
--
-- reqs: one ledger_write() request per element, as JSON text. Each is parsed and written in its
-- own subtransaction, so a refusal (not enough points, a mismatched idempotency key, a request
-- Postgres can't even parse) undoes that write alone and the others stand, exactly as if each
-- had been sent on its own, in order. Returns one {result} or {error: {code, message}} each.
--
-- A batch holds every customer lock it takes until it commits, so it must not wait long for
-- one: a lock held elsewhere (a portal transaction, another process's batch taking the same
-- customers in another order) fails that write with 55P03 after 100 ms, and the caller sends
-- it again on its own, outside the lane. Deadlocks between batches resolve the same way, long
-- before deadlock_timeout.
--
-- Callers keep batches small (32): more than 64 subtransactions in one transaction overflow
-- Postgres's per-backend subtransaction cache and slow every snapshot in the server.
CREATE OR REPLACE FUNCTION ledger_write_batch(reqs text[]) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  r text;
  outcomes jsonb[] := '{}';
  v_state text;
  v_message text;
BEGIN
  PERFORM set_config('lock_timeout', '100ms', true);
  FOREACH r IN ARRAY reqs LOOP
    BEGIN
      outcomes := outcomes || jsonb_build_object('result', ledger_write(r::jsonb));
    EXCEPTION WHEN OTHERS THEN
      -- Not caught by OTHERS: query_canceled (statement_timeout), which aborts the whole batch.
      GET STACKED DIAGNOSTICS v_state = RETURNED_SQLSTATE, v_message = MESSAGE_TEXT;
      outcomes := outcomes || jsonb_build_object('error', jsonb_build_object('code', v_state, 'message', v_message));
    END;
  END LOOP;
  RETURN to_jsonb(outcomes);
END $$;

-- The release job finds the businesses with pending points due in one range scan of the due
-- lots (a few per minute), instead of asking every business in turn each minute.
CREATE INDEX "point_lots_due_pending_idx" ON "point_lots" ("available_at", "business_id") WHERE "pending";

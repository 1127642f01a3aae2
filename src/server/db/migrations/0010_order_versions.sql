ALTER TABLE "repair_order_events" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "repair_order_events_idempotency_uq" ON "repair_order_events" USING btree ("order_id","idempotency_key");--> statement-breakpoint
-- Every write to an order row moves its version on, in the writer's own transaction, whichever
-- code path made it (status, intake, assignment, quotes, payments, cancellations, later ones):
-- a change based on an older version is then refused (409 VERSION_CONFLICT).
CREATE OR REPLACE FUNCTION "repair_orders_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."version" := OLD."version" + 1;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "repair_orders_bump_version" BEFORE UPDATE ON "repair_orders"
  FOR EACH ROW EXECUTE FUNCTION "repair_orders_bump_version"();

ALTER TABLE "repair_order_photos" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "repair_order_photos" ADD COLUMN "uploaded_via" text DEFAULT 'staff' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "repair_order_photos_idempotency_idx" ON "repair_order_photos" USING btree ("order_id","idempotency_key");
ALTER TABLE "shops" ADD COLUMN "cancellation_fee_minor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "cancellation_fee_minor" integer DEFAULT 0 NOT NULL;
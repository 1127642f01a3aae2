CREATE TABLE "brands" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_models" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"brand_slug" text NOT NULL,
	"category_slug" text NOT NULL,
	"release_year" integer NOT NULL,
	"tier" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "model_repairs" (
	"model_slug" text NOT NULL,
	"repair_slug" text NOT NULL,
	"currency" text DEFAULT 'GBP' NOT NULL,
	"parts_minor" integer NOT NULL,
	"labour_minor" integer NOT NULL,
	"warranty_days" integer NOT NULL,
	"turnaround_hours" integer NOT NULL,
	CONSTRAINT "model_repairs_model_slug_repair_slug_pk" PRIMARY KEY("model_slug","repair_slug")
);
--> statement-breakpoint
CREATE TABLE "repair_types" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shops" (
	"slug" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"address_line1" text NOT NULL,
	"address_line2" text,
	"city" text NOT NULL,
	"postcode" text NOT NULL,
	"country" text DEFAULT 'GB' NOT NULL,
	"phone" text NOT NULL,
	"email" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"time_zone" text NOT NULL,
	"opening_hours" jsonb NOT NULL,
	"closed_dates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"slot_minutes" integer DEFAULT 30 NOT NULL,
	"capacity_per_slot" integer DEFAULT 2 NOT NULL,
	"min_notice_minutes" integer DEFAULT 120 NOT NULL,
	"horizon_days" integer DEFAULT 21 NOT NULL,
	"urgency" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "slot_reservations" (
	"shop_slug" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "slot_reservations_shop_slug_starts_at_pk" PRIMARY KEY("shop_slug","starts_at"),
	CONSTRAINT "slot_reservations_booked_range" CHECK ("slot_reservations"."booked" >= 0 AND "slot_reservations"."booked" <= "slot_reservations"."capacity")
);
--> statement-breakpoint
CREATE TABLE "bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"tracking_token_hash" text NOT NULL,
	"service_type" text NOT NULL,
	"shop_slug" text,
	"slot_starts_at" timestamp with time zone,
	"slot_ends_at" timestamp with time zone,
	"model_slug" text NOT NULL,
	"customer_name" text NOT NULL,
	"customer_email" text NOT NULL,
	"customer_phone" text,
	"fault_description" text,
	"urgency" text NOT NULL,
	"payment_method" text NOT NULL,
	"quote" jsonb NOT NULL,
	"total_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'confirmed' NOT NULL,
	"ics_sequence" integer DEFAULT 0 NOT NULL,
	"locale" text DEFAULT 'en-GB' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"scope" text NOT NULL,
	"request_hash" text NOT NULL,
	"resource_id" uuid,
	"response" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_order_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor" text NOT NULL,
	"visibility" text DEFAULT 'customer' NOT NULL,
	"message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_order_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"repair_slug" text NOT NULL,
	"description" text NOT NULL,
	"parts_minor" integer NOT NULL,
	"labour_minor" integer NOT NULL,
	"discount_minor" integer DEFAULT 0 NOT NULL,
	"total_minor" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_orders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"booking_id" uuid,
	"shop_slug" text,
	"status" text DEFAULT 'booked' NOT NULL,
	"status_entered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "device_models" ADD CONSTRAINT "device_models_brand_slug_brands_slug_fk" FOREIGN KEY ("brand_slug") REFERENCES "public"."brands"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_models" ADD CONSTRAINT "device_models_category_slug_categories_slug_fk" FOREIGN KEY ("category_slug") REFERENCES "public"."categories"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_repairs" ADD CONSTRAINT "model_repairs_model_slug_device_models_slug_fk" FOREIGN KEY ("model_slug") REFERENCES "public"."device_models"("slug") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_repairs" ADD CONSTRAINT "model_repairs_repair_slug_repair_types_slug_fk" FOREIGN KEY ("repair_slug") REFERENCES "public"."repair_types"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "slot_reservations" ADD CONSTRAINT "slot_reservations_shop_slug_shops_slug_fk" FOREIGN KEY ("shop_slug") REFERENCES "public"."shops"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_shop_slug_shops_slug_fk" FOREIGN KEY ("shop_slug") REFERENCES "public"."shops"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_model_slug_device_models_slug_fk" FOREIGN KEY ("model_slug") REFERENCES "public"."device_models"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_events" ADD CONSTRAINT "repair_order_events_order_id_repair_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."repair_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ADD CONSTRAINT "repair_order_lines_order_id_repair_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."repair_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_shop_slug_shops_slug_fk" FOREIGN KEY ("shop_slug") REFERENCES "public"."shops"("slug") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_models_brand_idx" ON "device_models" USING btree ("brand_slug");--> statement-breakpoint
CREATE INDEX "device_models_category_idx" ON "device_models" USING btree ("category_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "bookings_reference_uq" ON "bookings" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "bookings_email_idx" ON "bookings" USING btree ("customer_email");--> statement-breakpoint
CREATE INDEX "bookings_slot_idx" ON "bookings" USING btree ("shop_slug","slot_starts_at");--> statement-breakpoint
CREATE INDEX "repair_order_events_order_idx" ON "repair_order_events" USING btree ("order_id","id");--> statement-breakpoint
CREATE INDEX "repair_order_lines_order_idx" ON "repair_order_lines" USING btree ("order_id");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_orders_reference_uq" ON "repair_orders" USING btree ("reference");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_orders_booking_uq" ON "repair_orders" USING btree ("booking_id");--> statement-breakpoint
CREATE INDEX "repair_orders_status_idx" ON "repair_orders" USING btree ("status");
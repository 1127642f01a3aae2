CREATE TABLE "notifications" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"order_id" uuid,
	"reference" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"read_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"emailed" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_order_photos" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"visibility" text DEFAULT 'customer' NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"thumb_key" text NOT NULL,
	"caption" text,
	"uploaded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "repair_quotes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"lines" jsonb NOT NULL,
	"total_minor" integer NOT NULL,
	"vat_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"message" text NOT NULL,
	"sent_by" text,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_note" text
);
--> statement-breakpoint
ALTER TABLE "repair_order_lines" ALTER COLUMN "repair_slug" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ALTER COLUMN "parts_minor" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ALTER COLUMN "labour_minor" SET DEFAULT 0;--> statement-breakpoint
ALTER TABLE "repair_order_events" ADD COLUMN "actor_user_id" text;--> statement-breakpoint
ALTER TABLE "repair_order_events" ADD COLUMN "actor_role" text DEFAULT 'system' NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_order_events" ADD COLUMN "data" jsonb;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ADD COLUMN "kind" text DEFAULT 'repair' NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ADD COLUMN "quantity" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ADD COLUMN "unit_minor" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ADD COLUMN "created_by" text;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "assigned_technician_id" text;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "imei_serial" text;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "condition_notes" text;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "accessories" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "passcode_policy" text;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "passcode_encrypted" text;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "received_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "received_by" text;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "collected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "warranty_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "agreed_total_minor" integer;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_order_id_repair_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."repair_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_photos" ADD CONSTRAINT "repair_order_photos_order_id_repair_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."repair_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_photos" ADD CONSTRAINT "repair_order_photos_uploaded_by_user_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_quotes" ADD CONSTRAINT "repair_quotes_order_id_repair_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."repair_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_quotes" ADD CONSTRAINT "repair_quotes_sent_by_user_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_quotes" ADD CONSTRAINT "repair_quotes_decided_by_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "repair_order_photos_order_idx" ON "repair_order_photos" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_quotes_version_uq" ON "repair_quotes" USING btree ("order_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "repair_quotes_one_pending_uq" ON "repair_quotes" USING btree ("order_id") WHERE status = 'pending';--> statement-breakpoint
ALTER TABLE "repair_order_events" ADD CONSTRAINT "repair_order_events_actor_user_id_user_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_lines" ADD CONSTRAINT "repair_order_lines_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_assigned_technician_id_user_id_fk" FOREIGN KEY ("assigned_technician_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_orders" ADD CONSTRAINT "repair_orders_received_by_user_id_fk" FOREIGN KEY ("received_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repair_order_events_type_idx" ON "repair_order_events" USING btree ("type");--> statement-breakpoint
CREATE INDEX "repair_orders_technician_idx" ON "repair_orders" USING btree ("assigned_technician_id");--> statement-breakpoint
CREATE INDEX "repair_orders_imei_idx" ON "repair_orders" USING btree ("imei_serial");--> statement-breakpoint
UPDATE "repair_orders" o SET "agreed_total_minor" = b."total_minor" FROM "bookings" b WHERE b."id" = o."booking_id" AND o."agreed_total_minor" IS NULL;--> statement-breakpoint
UPDATE "repair_order_lines" SET "unit_minor" = "total_minor" WHERE "kind" = 'repair';

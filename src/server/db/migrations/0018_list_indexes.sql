CREATE INDEX "user_created_idx" ON "user" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "user_role_idx" ON "user" USING btree ("role","name");--> statement-breakpoint
CREATE INDEX "repair_orders_created_idx" ON "repair_orders" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "repair_orders_status_entered_idx" ON "repair_orders" USING btree ("status_entered_at","id");--> statement-breakpoint
CREATE INDEX "support_conversations_last_message_idx" ON "support_conversations" USING btree ("last_message_at");
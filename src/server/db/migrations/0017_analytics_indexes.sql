CREATE INDEX "bookings_created_idx" ON "bookings" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "repair_order_events_status_order_idx" ON "repair_order_events" USING btree ("order_id","created_at","id") WHERE type = 'status_changed';--> statement-breakpoint
CREATE INDEX "repair_order_events_status_time_idx" ON "repair_order_events" USING btree ("created_at") WHERE type = 'status_changed';--> statement-breakpoint
CREATE INDEX "repair_order_events_ready_idx" ON "repair_order_events" USING btree ("order_id","created_at") WHERE type = 'status_changed' AND to_status = 'ready_for_collection';--> statement-breakpoint
CREATE INDEX "repair_orders_collected_idx" ON "repair_orders" USING btree ("collected_at");--> statement-breakpoint
CREATE INDEX "repair_orders_received_idx" ON "repair_orders" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "payment_refunds_created_idx" ON "payment_refunds" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "payments_succeeded_idx" ON "payments" USING btree ("succeeded_at");
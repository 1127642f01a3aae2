CREATE TABLE "repair_order_stays" (
	"event_id" bigint PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"shop_slug" text,
	"status" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"left_at" timestamp with time zone NOT NULL,
	"hours" double precision NOT NULL
);
--> statement-breakpoint
ALTER TABLE "repair_orders" ADD COLUMN "ready_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "repair_order_stays" ADD CONSTRAINT "repair_order_stays_event_id_repair_order_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."repair_order_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "repair_order_stays" ADD CONSTRAINT "repair_order_stays_order_id_repair_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."repair_orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "repair_order_stays_left_idx" ON "repair_order_stays" USING btree ("left_at");--> statement-breakpoint
CREATE INDEX "repair_order_stays_order_idx" ON "repair_order_stays" USING btree ("order_id");--> statement-breakpoint
-- Analytics rollups derived from the timeline (docs/analytics-operations.md): the stays in each
-- status (stage times) and each order's first move to "ready for collection" (turnaround,
-- technicians). A statement-level trigger on repair_order_events recomputes them for every order
-- whose status changes a statement inserted, updated or deleted, so every writer (the workflow,
-- the demo seed's bulk inserts, test fixtures) keeps them exact; they are never written otherwise.
CREATE OR REPLACE FUNCTION "analytics_refresh_order_rollups"(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "repair_order_stays" WHERE "order_id" = ANY(ids);
  -- a status_changed event ends the stay in the status the previous one entered (the first ends
  -- the stay in its from_status, else `booked`, begun when the order was made)
  INSERT INTO "repair_order_stays" ("event_id", "order_id", "shop_slug", "status", "entered_at", "left_at", "hours")
  SELECT ev.id, ev.order_id, ro.shop_slug, ev.status, coalesce(ev.prev_at, ro.created_at), ev.left_at,
    (extract(epoch from (ev.left_at - coalesce(ev.prev_at, ro.created_at))) / 3600.0)::float8
  FROM (
    SELECT e.id, e.order_id, e.created_at AS left_at,
      coalesce(lag(e.to_status) OVER w, e.from_status, 'booked') AS status,
      lag(e.created_at) OVER w AS prev_at
    FROM "repair_order_events" e
    WHERE e.type = 'status_changed' AND e.order_id = ANY(ids)
    WINDOW w AS (PARTITION BY e.order_id ORDER BY e.created_at, e.id)
  ) ev
  JOIN "repair_orders" ro ON ro.id = ev.order_id;
  UPDATE "repair_orders" ro SET "ready_at" = r.ready_at
  FROM (
    SELECT o.id, (SELECT min(e.created_at) FROM "repair_order_events" e
                  WHERE e.order_id = o.id AND e.type = 'status_changed'
                    AND e.to_status = 'ready_for_collection') AS ready_at
    FROM unnest(ids) AS o(id)
  ) r
  WHERE ro.id = r.id AND ro.ready_at IS DISTINCT FROM r.ready_at;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "repair_order_events_rollups"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT n.order_id) INTO ids FROM new_rows n WHERE n.type = 'status_changed';
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o.order_id) INTO ids FROM old_rows o WHERE o.type = 'status_changed';
  ELSE
    SELECT array_agg(DISTINCT x.order_id) INTO ids FROM (
      SELECT n.order_id FROM new_rows n WHERE n.type = 'status_changed'
      UNION ALL SELECT o.order_id FROM old_rows o WHERE o.type = 'status_changed'
    ) x;
  END IF;
  IF ids IS NOT NULL THEN
    PERFORM "analytics_refresh_order_rollups"(ids);
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "repair_order_events_rollups_insert" AFTER INSERT ON "repair_order_events"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "repair_order_events_rollups"();--> statement-breakpoint
CREATE TRIGGER "repair_order_events_rollups_update" AFTER UPDATE ON "repair_order_events"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "repair_order_events_rollups"();--> statement-breakpoint
CREATE TRIGGER "repair_order_events_rollups_delete" AFTER DELETE ON "repair_order_events"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "repair_order_events_rollups"();--> statement-breakpoint
-- the stays carry the order's shop and begin at its creation: follow a change of either
CREATE OR REPLACE FUNCTION "repair_orders_rollups"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "analytics_refresh_order_rollups"(ARRAY[NEW.id]);
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "repair_orders_rollups" AFTER UPDATE OF "shop_slug", "created_at" ON "repair_orders"
  FOR EACH ROW WHEN (OLD.shop_slug IS DISTINCT FROM NEW.shop_slug OR OLD.created_at IS DISTINCT FROM NEW.created_at)
  EXECUTE FUNCTION "repair_orders_rollups"();--> statement-breakpoint
-- ready_at is derived, not a change to the order: setting only it does not move the version
-- (an update in the workflow's transaction would otherwise make the caller's version stale)
CREATE OR REPLACE FUNCTION "repair_orders_bump_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW."ready_at" IS DISTINCT FROM OLD."ready_at"
     AND (to_jsonb(NEW) - 'ready_at') = (to_jsonb(OLD) - 'ready_at') THEN
    RETURN NEW;
  END IF;
  NEW."version" := OLD."version" + 1;
  RETURN NEW;
END;
$$;--> statement-breakpoint
-- backfill from the timeline as it stands
SELECT "analytics_refresh_order_rollups"(coalesce(array_agg("id"), '{}')) FROM "repair_orders";--> statement-breakpoint
-- the backfill wrote a second version of most order rows: rewrite the table compactly (no
-- autovacuum in PGlite; a bloated heap would slow every scan of it)
CLUSTER "repair_orders" USING "repair_orders_pkey";--> statement-breakpoint
-- planner statistics for the new table and the rewritten one (no autovacuum in PGlite)
ANALYZE "repair_order_stays";--> statement-breakpoint
ANALYZE "repair_orders";
--> statement-breakpoint
CREATE TABLE "analytics_funnel_visits" (
	"visit_id" text NOT NULL,
	"step" text NOT NULL,
	"shop_slug" text,
	"first_at" timestamp with time zone NOT NULL,
	CONSTRAINT "analytics_funnel_visits_visit_id_step_pk" PRIMARY KEY("visit_id","step")
);
--> statement-breakpoint
CREATE INDEX "analytics_funnel_visits_first_idx" ON "analytics_funnel_visits" USING btree ("first_at");--> statement-breakpoint
-- The funnel rollup (docs/analytics-operations.md): the first funnel_step event of each
-- (visit, step). An insert keeps the earliest (every writer: the ingestion API, the demo seed,
-- test fixtures); a delete or update (the retention job) recomputes the visits it touched from
-- the events left, so the rollup never counts an event that is gone.
CREATE OR REPLACE FUNCTION "analytics_refresh_funnel_visits"(visits text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "analytics_funnel_visits" WHERE "visit_id" = ANY(visits);
  INSERT INTO "analytics_funnel_visits" ("visit_id", "step", "shop_slug", "first_at")
  SELECT DISTINCT ON (e.visit_id, e.props->>'step') e.visit_id, e.props->>'step', e.shop_slug, e.occurred_at
  FROM "analytics_events" e
  WHERE e.name = 'funnel_step' AND e.props->>'step' IS NOT NULL AND e.visit_id = ANY(visits)
  ORDER BY e.visit_id, e.props->>'step', e.occurred_at, e.id;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION "analytics_events_funnel_rollup"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  visits text[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "analytics_funnel_visits" AS f ("visit_id", "step", "shop_slug", "first_at")
    SELECT DISTINCT ON (n.visit_id, n.props->>'step') n.visit_id, n.props->>'step', n.shop_slug, n.occurred_at
    FROM new_rows n
    WHERE n.name = 'funnel_step' AND n.props->>'step' IS NOT NULL
    ORDER BY n.visit_id, n.props->>'step', n.occurred_at, n.id
    ON CONFLICT ("visit_id", "step") DO UPDATE SET "first_at" = excluded.first_at, "shop_slug" = excluded.shop_slug
      WHERE excluded.first_at < f.first_at;
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT o.visit_id) INTO visits FROM old_rows o WHERE o.name = 'funnel_step';
  ELSE
    SELECT array_agg(DISTINCT x.visit_id) INTO visits FROM (
      SELECT n.visit_id FROM new_rows n WHERE n.name = 'funnel_step'
      UNION ALL SELECT o.visit_id FROM old_rows o WHERE o.name = 'funnel_step'
    ) x;
  END IF;
  IF visits IS NOT NULL THEN
    PERFORM "analytics_refresh_funnel_visits"(visits);
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER "analytics_events_funnel_insert" AFTER INSERT ON "analytics_events"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "analytics_events_funnel_rollup"();--> statement-breakpoint
CREATE TRIGGER "analytics_events_funnel_update" AFTER UPDATE ON "analytics_events"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "analytics_events_funnel_rollup"();--> statement-breakpoint
CREATE TRIGGER "analytics_events_funnel_delete" AFTER DELETE ON "analytics_events"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "analytics_events_funnel_rollup"();--> statement-breakpoint
-- backfill from the events as they stand
INSERT INTO "analytics_funnel_visits" ("visit_id", "step", "shop_slug", "first_at")
SELECT DISTINCT ON (e.visit_id, e.props->>'step') e.visit_id, e.props->>'step', e.shop_slug, e.occurred_at
FROM "analytics_events" e
WHERE e.name = 'funnel_step' AND e.props->>'step' IS NOT NULL
ORDER BY e.visit_id, e.props->>'step', e.occurred_at, e.id;--> statement-breakpoint
ANALYZE "analytics_funnel_visits";

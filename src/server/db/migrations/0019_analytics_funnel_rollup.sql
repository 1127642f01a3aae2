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

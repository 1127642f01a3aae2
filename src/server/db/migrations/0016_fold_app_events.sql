-- The install prompt's events move into the one tracker table (issue 17): every app_events row
-- is kept as an analytics_events row (install_prompt_<outcome> -> install_prompt {outcome},
-- app_installed as it was; the old rows had no visit: each gets its own id), then the old table goes.
INSERT INTO "analytics_events" ("name", "visit_id", "user_id", "path", "shop_slug", "props", "occurred_at", "received_at")
SELECT
	CASE WHEN "name" = 'app_installed' THEN 'app_installed' ELSE 'install_prompt' END,
	'legacy-' || "id"::text,
	"user_id",
	NULL,
	NULL,
	CASE
		WHEN "name" LIKE 'install_prompt_%' THEN "data" || jsonb_build_object('outcome', substr("name", 16))
		ELSE "data"
	END,
	"created_at",
	"created_at"
FROM "app_events"
WHERE "name" IN ('install_prompt_shown', 'install_prompt_accepted', 'install_prompt_dismissed', 'app_installed');--> statement-breakpoint
DROP TABLE "app_events" CASCADE;

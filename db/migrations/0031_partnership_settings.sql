CREATE TABLE "partnership_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"fit_threshold" integer DEFAULT 3 NOT NULL,
	"strategic_limit" integer DEFAULT 15 NOT NULL,
	"activation_window_days" integer DEFAULT 90 NOT NULL,
	"currencies" jsonb DEFAULT '["USD","EUR","GBP"]'::jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_settings_threshold" CHECK ("partnership_settings"."fit_threshold" between 1 and 5),
	CONSTRAINT "partnership_settings_limit" CHECK ("partnership_settings"."strategic_limit" >= 1),
	CONSTRAINT "partnership_settings_window" CHECK ("partnership_settings"."activation_window_days" >= 0)
);
--> statement-breakpoint
ALTER TABLE "partnership_settings" ADD CONSTRAINT "partnership_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_settings" ADD CONSTRAINT "partnership_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
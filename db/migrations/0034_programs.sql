CREATE TABLE "program_certifications" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text,
	"person_name" text NOT NULL,
	"person_email" text,
	"name" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_certifications_dates" CHECK ("program_certifications"."expires_at" >= "program_certifications"."issued_at")
);
--> statement-breakpoint
CREATE TABLE "program_requirements" (
	"id" text PRIMARY KEY NOT NULL,
	"tier_id" text NOT NULL,
	"metric" text NOT NULL,
	"threshold" bigint NOT NULL,
	"window_days" integer DEFAULT 365 NOT NULL,
	CONSTRAINT "program_requirements_threshold" CHECK ("program_requirements"."threshold" >= 0),
	CONSTRAINT "program_requirements_window" CHECK ("program_requirements"."window_days" between 1 and 3660)
);
--> statement-breakpoint
CREATE TABLE "program_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"downgrade_grace_days" integer DEFAULT 90 NOT NULL,
	"currencies" text[] DEFAULT '{USD,EUR,GBP}'::text[] NOT NULL,
	"last_evaluated_at" timestamp with time zone,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_settings_grace" CHECK ("program_settings"."downgrade_grace_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "program_standings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"track_id" text NOT NULL,
	"current_tier_id" text,
	"evaluated_at" timestamp with time zone,
	"measurements" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"qualified_tier_id" text,
	"proposal_status" text DEFAULT 'none' NOT NULL,
	"proposed_tier_id" text,
	"proposed_at" timestamp with time zone,
	"grace_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_tier_history" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"track_id" text,
	"from_tier_id" text,
	"to_tier_id" text,
	"from_tier_name" text,
	"to_tier_name" text,
	"kind" text NOT NULL,
	"reason" text,
	"decided_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_tiers" (
	"id" text PRIMARY KEY NOT NULL,
	"track_id" text NOT NULL,
	"name" text NOT NULL,
	"rank" integer NOT NULL,
	"org_tier" text NOT NULL,
	"fee_type" text DEFAULT 'none' NOT NULL,
	"fee_percent_bps" integer,
	"fee_fixed_amount" bigint,
	"fee_cap_amount" bigint,
	"discount_bps" integer DEFAULT 0 NOT NULL,
	"mdf_amount" bigint DEFAULT 0 NOT NULL,
	"mdf_currency" text DEFAULT 'USD' NOT NULL,
	"mdf_period" text DEFAULT 'quarter' NOT NULL,
	"placement_boost" integer DEFAULT 0 NOT NULL,
	"cosell_priority" text DEFAULT 'standard' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_tiers_rank" CHECK ("program_tiers"."rank" >= 1),
	CONSTRAINT "program_tiers_benefit_amounts" CHECK (coalesce("program_tiers"."fee_fixed_amount", 0) >= 0 and coalesce("program_tiers"."fee_cap_amount", 0) >= 0 and coalesce("program_tiers"."fee_percent_bps", 0) between 0 and 10000 and "program_tiers"."discount_bps" between 0 and 10000 and "program_tiers"."mdf_amount" >= 0 and "program_tiers"."placement_boost" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "program_tracks" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"partner_types" text[] NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "program_certifications" ADD CONSTRAINT "program_certifications_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_certifications" ADD CONSTRAINT "program_certifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_certifications" ADD CONSTRAINT "program_certifications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_requirements" ADD CONSTRAINT "program_requirements_tier_id_program_tiers_id_fk" FOREIGN KEY ("tier_id") REFERENCES "public"."program_tiers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_settings" ADD CONSTRAINT "program_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_settings" ADD CONSTRAINT "program_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_standings" ADD CONSTRAINT "program_standings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_standings" ADD CONSTRAINT "program_standings_track_id_program_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."program_tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_standings" ADD CONSTRAINT "program_standings_current_tier_id_program_tiers_id_fk" FOREIGN KEY ("current_tier_id") REFERENCES "public"."program_tiers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_standings" ADD CONSTRAINT "program_standings_qualified_tier_id_program_tiers_id_fk" FOREIGN KEY ("qualified_tier_id") REFERENCES "public"."program_tiers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_standings" ADD CONSTRAINT "program_standings_proposed_tier_id_program_tiers_id_fk" FOREIGN KEY ("proposed_tier_id") REFERENCES "public"."program_tiers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_tier_history" ADD CONSTRAINT "program_tier_history_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_tier_history" ADD CONSTRAINT "program_tier_history_track_id_program_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."program_tracks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_tier_history" ADD CONSTRAINT "program_tier_history_from_tier_id_program_tiers_id_fk" FOREIGN KEY ("from_tier_id") REFERENCES "public"."program_tiers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_tier_history" ADD CONSTRAINT "program_tier_history_to_tier_id_program_tiers_id_fk" FOREIGN KEY ("to_tier_id") REFERENCES "public"."program_tiers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_tier_history" ADD CONSTRAINT "program_tier_history_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_tiers" ADD CONSTRAINT "program_tiers_track_id_program_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."program_tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "program_certifications_org_idx" ON "program_certifications" USING btree ("org_id","expires_at");--> statement-breakpoint
CREATE UNIQUE INDEX "program_requirements_tier_metric_key" ON "program_requirements" USING btree ("tier_id","metric");--> statement-breakpoint
CREATE INDEX "program_standings_track_idx" ON "program_standings" USING btree ("track_id");--> statement-breakpoint
CREATE INDEX "program_standings_proposal_idx" ON "program_standings" USING btree ("proposal_status","proposed_at");--> statement-breakpoint
CREATE INDEX "program_tier_history_org_idx" ON "program_tier_history" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "program_tiers_track_rank_key" ON "program_tiers" USING btree ("track_id","rank");--> statement-breakpoint
CREATE UNIQUE INDEX "program_tracks_slug_key" ON "program_tracks" USING btree ("slug");
CREATE TABLE "partnership_commitments" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"owner_org_id" text NOT NULL,
	"owner_user_id" text,
	"kind" text DEFAULT 'other' NOT NULL,
	"title" text NOT NULL,
	"measure" text DEFAULT '' NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"met_at" timestamp with time zone,
	"review_id" text,
	"reminded_due_soon_at" timestamp with time zone,
	"reminded_overdue_at" timestamp with time zone,
	"import_key" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_commitments_met_at" CHECK (("partnership_commitments"."status" = 'met') = ("partnership_commitments"."met_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "partnership_fit_assessments" (
	"id" text PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"kind" text DEFAULT 'initial' NOT NULL,
	"market_access" integer NOT NULL,
	"capability" integer NOT NULL,
	"commitment" integer NOT NULL,
	"alignment" integer NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"decision" text,
	"decision_note" text DEFAULT '' NOT NULL,
	"assessed_by" text,
	"assessed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_fit_scores_range" CHECK ("partnership_fit_assessments"."market_access" between 1 and 5 and "partnership_fit_assessments"."capability" between 1 and 5 and "partnership_fit_assessments"."commitment" between 1 and 5 and "partnership_fit_assessments"."alignment" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "partnership_plan_signoffs" (
	"plan_id" text NOT NULL,
	"org_id" text NOT NULL,
	"revision" integer NOT NULL,
	"signed_by" text,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_plan_signoffs_plan_id_org_id_pk" PRIMARY KEY("plan_id","org_id")
);
--> statement-breakpoint
CREATE TABLE "partnership_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"version" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"value_proposition" text DEFAULT '' NOT NULL,
	"scope" jsonb DEFAULT '{"segments":[],"territories":[],"categories":[]}'::jsonb NOT NULL,
	"provisions" text DEFAULT '' NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"targets" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"activation_window_days" integer DEFAULT 90 NOT NULL,
	"signed_at" timestamp with time zone,
	"superseded_at" timestamp with time zone,
	"import_key" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnership_plans_window" CHECK ("partnership_plans"."activation_window_days" >= 0)
);
--> statement-breakpoint
CREATE TABLE "partnership_review_attendees" (
	"id" text PRIMARY KEY NOT NULL,
	"review_id" text NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text,
	"name" text NOT NULL,
	"sponsor" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_reviews" (
	"id" text PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"kind" text DEFAULT 'quarterly' NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"held_at" timestamp with time zone,
	"notes" text DEFAULT '' NOT NULL,
	"decisions" text DEFAULT '' NOT NULL,
	"reminded_at" timestamp with time zone,
	"import_key" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_sponsors" (
	"id" text PRIMARY KEY NOT NULL,
	"plan_id" text NOT NULL,
	"org_id" text NOT NULL,
	"user_id" text,
	"name" text NOT NULL,
	"title" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_stage_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"partnership_id" text NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"changed_by" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnerships" (
	"id" text PRIMARY KEY NOT NULL,
	"org_a_id" text NOT NULL,
	"org_b_id" text NOT NULL,
	"stage" text DEFAULT 'identification' NOT NULL,
	"strategic" boolean DEFAULT false NOT NULL,
	"designated_at" timestamp with time zone,
	"designated_by" text,
	"import_key" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "partnerships_two_orgs" CHECK ("partnerships"."org_a_id" <> "partnerships"."org_b_id")
);
--> statement-breakpoint
ALTER TABLE "partnership_commitments" ADD CONSTRAINT "partnership_commitments_plan_id_partnership_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."partnership_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_commitments" ADD CONSTRAINT "partnership_commitments_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_commitments" ADD CONSTRAINT "partnership_commitments_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_commitments" ADD CONSTRAINT "partnership_commitments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_fit_assessments" ADD CONSTRAINT "partnership_fit_assessments_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_fit_assessments" ADD CONSTRAINT "partnership_fit_assessments_assessed_by_users_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_plan_signoffs" ADD CONSTRAINT "partnership_plan_signoffs_plan_id_partnership_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."partnership_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_plan_signoffs" ADD CONSTRAINT "partnership_plan_signoffs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_plan_signoffs" ADD CONSTRAINT "partnership_plan_signoffs_signed_by_users_id_fk" FOREIGN KEY ("signed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_plans" ADD CONSTRAINT "partnership_plans_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_plans" ADD CONSTRAINT "partnership_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_review_attendees" ADD CONSTRAINT "partnership_review_attendees_review_id_partnership_reviews_id_fk" FOREIGN KEY ("review_id") REFERENCES "public"."partnership_reviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_review_attendees" ADD CONSTRAINT "partnership_review_attendees_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_review_attendees" ADD CONSTRAINT "partnership_review_attendees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_reviews" ADD CONSTRAINT "partnership_reviews_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_reviews" ADD CONSTRAINT "partnership_reviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_sponsors" ADD CONSTRAINT "partnership_sponsors_plan_id_partnership_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."partnership_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_sponsors" ADD CONSTRAINT "partnership_sponsors_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_sponsors" ADD CONSTRAINT "partnership_sponsors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_stage_changes" ADD CONSTRAINT "partnership_stage_changes_partnership_id_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_stage_changes" ADD CONSTRAINT "partnership_stage_changes_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_org_a_id_organizations_id_fk" FOREIGN KEY ("org_a_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_org_b_id_organizations_id_fk" FOREIGN KEY ("org_b_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_designated_by_users_id_fk" FOREIGN KEY ("designated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnerships" ADD CONSTRAINT "partnerships_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partnership_commitments_plan_idx" ON "partnership_commitments" USING btree ("plan_id","owner_org_id","due_at");--> statement-breakpoint
CREATE INDEX "partnership_commitments_due_idx" ON "partnership_commitments" USING btree ("status","due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "partnership_commitments_import_key_key" ON "partnership_commitments" USING btree ("import_key");--> statement-breakpoint
CREATE INDEX "partnership_fit_assessments_idx" ON "partnership_fit_assessments" USING btree ("partnership_id","assessed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "partnership_plans_version_key" ON "partnership_plans" USING btree ("partnership_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "partnership_plans_import_key_key" ON "partnership_plans" USING btree ("import_key");--> statement-breakpoint
CREATE INDEX "partnership_review_attendees_idx" ON "partnership_review_attendees" USING btree ("review_id","org_id");--> statement-breakpoint
CREATE INDEX "partnership_reviews_idx" ON "partnership_reviews" USING btree ("partnership_id","scheduled_at");--> statement-breakpoint
CREATE UNIQUE INDEX "partnership_reviews_import_key_key" ON "partnership_reviews" USING btree ("import_key");--> statement-breakpoint
CREATE INDEX "partnership_sponsors_plan_idx" ON "partnership_sponsors" USING btree ("plan_id","org_id");--> statement-breakpoint
CREATE INDEX "partnership_stage_changes_idx" ON "partnership_stage_changes" USING btree ("partnership_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "partnerships_pair_key" ON "partnerships" USING btree (least("org_a_id", "org_b_id"),greatest("org_a_id", "org_b_id"));--> statement-breakpoint
CREATE UNIQUE INDEX "partnerships_import_key_key" ON "partnerships" USING btree ("import_key");--> statement-breakpoint
CREATE INDEX "partnerships_org_b_idx" ON "partnerships" USING btree ("org_b_id");--> statement-breakpoint
CREATE INDEX "partnerships_stage_idx" ON "partnerships" USING btree ("stage");
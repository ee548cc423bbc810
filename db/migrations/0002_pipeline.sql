CREATE TABLE "opportunities" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"title" text,
	"account_name" text NOT NULL,
	"account_domain" text,
	"amount" bigint DEFAULT 0 NOT NULL,
	"stage" text DEFAULT 'prospect' NOT NULL,
	"sourced_by_org_id" text,
	"is_cosell" boolean DEFAULT false NOT NULL,
	"expected_close_at" timestamp with time zone,
	"next_steps" text,
	"notes" text,
	"created_by" text,
	"import_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "opportunities_amount_nonnegative" CHECK ("opportunities"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "opportunity_participants" (
	"id" text PRIMARY KEY NOT NULL,
	"opportunity_id" text NOT NULL,
	"org_id" text NOT NULL,
	"role" text DEFAULT 'referral' NOT NULL,
	"status" text DEFAULT 'invited' NOT NULL,
	"message" text,
	"invited_by" text,
	"invited_at" timestamp with time zone DEFAULT now() NOT NULL,
	"joined_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"import_key" text
);
--> statement-breakpoint
CREATE TABLE "opportunity_stage_history" (
	"id" text PRIMARY KEY NOT NULL,
	"opportunity_id" text NOT NULL,
	"from_stage" text,
	"to_stage" text NOT NULL,
	"changed_by" text,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" text PRIMARY KEY NOT NULL,
	"from_org_id" text NOT NULL,
	"to_org_id" text NOT NULL,
	"created_by" text,
	"account_name" text NOT NULL,
	"account_domain" text,
	"contact_name" text,
	"contact_email" text,
	"need" text,
	"estimated_value" bigint DEFAULT 0 NOT NULL,
	"opportunity_id" text,
	"status" text DEFAULT 'submitted' NOT NULL,
	"decline_reason" text,
	"lost_reason" text,
	"won_amount" bigint,
	"fee_type" text DEFAULT 'none' NOT NULL,
	"fee_percent_bps" integer,
	"fee_fixed_amount" bigint,
	"fee_cap_amount" bigint,
	"terms_accepted_at" timestamp with time zone,
	"conflicts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"conflict_status" text DEFAULT 'none' NOT NULL,
	"import_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_amounts_nonnegative" CHECK ("referrals"."estimated_value" >= 0 and coalesce("referrals"."won_amount", 0) >= 0),
	CONSTRAINT "referrals_distinct_orgs" CHECK ("referrals"."from_org_id" <> "referrals"."to_org_id")
);
--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_sourced_by_org_id_organizations_id_fk" FOREIGN KEY ("sourced_by_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_participants" ADD CONSTRAINT "opportunity_participants_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_participants" ADD CONSTRAINT "opportunity_participants_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_participants" ADD CONSTRAINT "opportunity_participants_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_stage_history" ADD CONSTRAINT "opportunity_stage_history_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_stage_history" ADD CONSTRAINT "opportunity_stage_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_from_org_id_organizations_id_fk" FOREIGN KEY ("from_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_to_org_id_organizations_id_fk" FOREIGN KEY ("to_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "opportunities_import_key_key" ON "opportunities" USING btree ("import_key");--> statement-breakpoint
CREATE INDEX "opportunities_created_idx" ON "opportunities" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "opportunities_closed_idx" ON "opportunities" USING btree ("closed_at");--> statement-breakpoint
CREATE INDEX "opportunities_org_idx" ON "opportunities" USING btree ("org_id","stage");--> statement-breakpoint
CREATE INDEX "opportunities_domain_idx" ON "opportunities" USING btree ("account_domain");--> statement-breakpoint
CREATE UNIQUE INDEX "opportunity_participants_opp_org_key" ON "opportunity_participants" USING btree ("opportunity_id","org_id");--> statement-breakpoint
CREATE INDEX "opportunity_participants_org_idx" ON "opportunity_participants" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "opportunity_participants_joined_idx" ON "opportunity_participants" USING btree ("joined_at");--> statement-breakpoint
CREATE INDEX "opportunity_stage_history_opp_idx" ON "opportunity_stage_history" USING btree ("opportunity_id","changed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_import_key_key" ON "referrals" USING btree ("import_key");--> statement-breakpoint
CREATE INDEX "referrals_from_idx" ON "referrals" USING btree ("from_org_id","status");--> statement-breakpoint
CREATE INDEX "referrals_to_idx" ON "referrals" USING btree ("to_org_id","status");--> statement-breakpoint
CREATE INDEX "referrals_created_idx" ON "referrals" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "referrals_closed_idx" ON "referrals" USING btree ("closed_at");--> statement-breakpoint
CREATE INDEX "referrals_opportunity_idx" ON "referrals" USING btree ("opportunity_id");--> statement-breakpoint
CREATE INDEX "referrals_domain_idx" ON "referrals" USING btree ("account_domain");
CREATE TABLE "deal_conflicts" (
	"id" text PRIMARY KEY NOT NULL,
	"deal_kind" text NOT NULL,
	"deal_id" text NOT NULL,
	"org_id" text NOT NULL,
	"account_name" text NOT NULL,
	"account_domain" text,
	"matches" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"kept_deal" text,
	"resolution_note" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_registrations" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"created_by" text,
	"account_name" text NOT NULL,
	"account_domain" text,
	"amount" bigint DEFAULT 0 NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"products" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"expected_close_at" timestamp with time zone NOT NULL,
	"notes" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"decision_reason" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"protected_until" timestamp with time zone,
	"extensions" integer DEFAULT 0 NOT NULL,
	"opportunity_id" text,
	"reminded_14_at" timestamp with time zone,
	"reminded_3_at" timestamp with time zone,
	"expired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_registrations_amount_nonnegative" CHECK ("deal_registrations"."amount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "registration_settings" (
	"org_id" text PRIMARY KEY NOT NULL,
	"protection_days" integer DEFAULT 90 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deal_conflicts" ADD CONSTRAINT "deal_conflicts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_conflicts" ADD CONSTRAINT "deal_conflicts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD CONSTRAINT "deal_registrations_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD CONSTRAINT "deal_registrations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD CONSTRAINT "deal_registrations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD CONSTRAINT "deal_registrations_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_settings" ADD CONSTRAINT "registration_settings_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_settings" ADD CONSTRAINT "registration_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deal_conflicts_status_idx" ON "deal_conflicts" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "deal_conflicts_deal_idx" ON "deal_conflicts" USING btree ("deal_kind","deal_id");--> statement-breakpoint
CREATE INDEX "deal_registrations_org_idx" ON "deal_registrations" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "deal_registrations_status_idx" ON "deal_registrations" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "deal_registrations_domain_idx" ON "deal_registrations" USING btree ("account_domain");--> statement-breakpoint
CREATE INDEX "deal_registrations_protected_idx" ON "deal_registrations" USING btree ("protected_until") WHERE "deal_registrations"."status" = 'approved';
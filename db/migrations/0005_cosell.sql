CREATE TABLE "account_import_chunks" (
	"job_id" text NOT NULL,
	"seq" integer NOT NULL,
	"data" text NOT NULL,
	CONSTRAINT "account_import_chunks_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
CREATE TABLE "account_import_errors" (
	"job_id" text NOT NULL,
	"row_number" integer NOT NULL,
	"reasons" jsonb NOT NULL,
	CONSTRAINT "account_import_errors_job_id_row_number_pk" PRIMARY KEY("job_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "account_import_jobs" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"created_by" text,
	"filename" text NOT NULL,
	"byte_size" bigint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'uploaded' NOT NULL,
	"mode" text,
	"headers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"preview" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mapping" jsonb,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"valid_rows" integer DEFAULT 0 NOT NULL,
	"error_rows" integer DEFAULT 0 NOT NULL,
	"inserted_count" integer DEFAULT 0 NOT NULL,
	"updated_count" integer DEFAULT 0 NOT NULL,
	"failure_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "account_import_rows" (
	"job_id" text NOT NULL,
	"row_number" integer NOT NULL,
	"domain" text NOT NULL,
	"name" text NOT NULL,
	"population" text NOT NULL,
	"owner_email" text,
	"deal_size" bigint,
	CONSTRAINT "account_import_rows_job_id_row_number_pk" PRIMARY KEY("job_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"org_id" text NOT NULL,
	"domain" text NOT NULL,
	"name" text NOT NULL,
	"population" text NOT NULL,
	"owner_email" text,
	"deal_size" bigint,
	"source" text DEFAULT 'manual' NOT NULL,
	"import_job_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_deal_size_nonnegative" CHECK (coalesce("accounts"."deal_size", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "connections" (
	"id" text PRIMARY KEY NOT NULL,
	"requester_org_id" text NOT NULL,
	"recipient_org_id" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"message" text,
	"requester_share_customers" text DEFAULT 'none' NOT NULL,
	"requester_share_opportunities" text DEFAULT 'none' NOT NULL,
	"requester_share_prospects" text DEFAULT 'none' NOT NULL,
	"recipient_share_customers" text DEFAULT 'none' NOT NULL,
	"recipient_share_opportunities" text DEFAULT 'none' NOT NULL,
	"recipient_share_prospects" text DEFAULT 'none' NOT NULL,
	"requested_by" text,
	"responded_by" text,
	"ended_by" text,
	"import_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connections_distinct_orgs" CHECK ("connections"."requester_org_id" <> "connections"."recipient_org_id")
);
--> statement-breakpoint
CREATE TABLE "cosell_tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"opportunity_id" text NOT NULL,
	"title" text NOT NULL,
	"owner_user_id" text,
	"owner_org_id" text NOT NULL,
	"due_at" timestamp with time zone,
	"done_at" timestamp with time zone,
	"done_by" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "account_import_chunks" ADD CONSTRAINT "account_import_chunks_job_id_account_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."account_import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_import_errors" ADD CONSTRAINT "account_import_errors_job_id_account_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."account_import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_import_jobs" ADD CONSTRAINT "account_import_jobs_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_import_jobs" ADD CONSTRAINT "account_import_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_import_rows" ADD CONSTRAINT "account_import_rows_job_id_account_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."account_import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_requester_org_id_organizations_id_fk" FOREIGN KEY ("requester_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_recipient_org_id_organizations_id_fk" FOREIGN KEY ("recipient_org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connections" ADD CONSTRAINT "connections_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cosell_tasks" ADD CONSTRAINT "cosell_tasks_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cosell_tasks" ADD CONSTRAINT "cosell_tasks_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cosell_tasks" ADD CONSTRAINT "cosell_tasks_owner_org_id_organizations_id_fk" FOREIGN KEY ("owner_org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cosell_tasks" ADD CONSTRAINT "cosell_tasks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cosell_tasks" ADD CONSTRAINT "cosell_tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_import_jobs_org_idx" ON "account_import_jobs" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_org_domain_key" ON "accounts" USING btree ("org_id","domain");--> statement-breakpoint
CREATE INDEX "accounts_org_domain_population_idx" ON "accounts" USING btree ("org_id","domain","population");--> statement-breakpoint
CREATE INDEX "accounts_org_population_idx" ON "accounts" USING btree ("org_id","population");--> statement-breakpoint
CREATE UNIQUE INDEX "connections_live_pair_key" ON "connections" USING btree (least("requester_org_id", "recipient_org_id"),greatest("requester_org_id", "recipient_org_id")) WHERE "connections"."status" in ('requested', 'accepted');--> statement-breakpoint
CREATE UNIQUE INDEX "connections_import_key_key" ON "connections" USING btree ("import_key");--> statement-breakpoint
CREATE INDEX "connections_requester_idx" ON "connections" USING btree ("requester_org_id","status");--> statement-breakpoint
CREATE INDEX "connections_recipient_idx" ON "connections" USING btree ("recipient_org_id","status");--> statement-breakpoint
CREATE INDEX "cosell_tasks_opp_idx" ON "cosell_tasks" USING btree ("opportunity_id","created_at");
CREATE TABLE "program_referral_months" (
	"month" timestamp with time zone NOT NULL,
	"org_id" text NOT NULL,
	"sent" integer DEFAULT 0 NOT NULL,
	"accepted" integer DEFAULT 0 NOT NULL,
	"compacted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "program_referral_months_month_idx" ON "program_referral_months" USING btree ("month","org_id","sent","accepted");--> statement-breakpoint
CREATE INDEX "program_referral_months_fresh_idx" ON "program_referral_months" USING btree ("month","org_id") WHERE not "program_referral_months"."compacted";
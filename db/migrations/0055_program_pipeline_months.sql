CREATE TABLE "program_pipeline_months" (
	"month" timestamp with time zone NOT NULL,
	"org_id" text NOT NULL,
	"sourced" bigint DEFAULT 0 NOT NULL,
	"influenced" bigint DEFAULT 0 NOT NULL,
	"won" bigint DEFAULT 0 NOT NULL,
	"compacted" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "program_pipeline_months_month_idx" ON "program_pipeline_months" USING btree ("month","org_id","sourced","influenced","won");--> statement-breakpoint
CREATE INDEX "program_pipeline_months_fresh_idx" ON "program_pipeline_months" USING btree ("month","org_id") WHERE not "program_pipeline_months"."compacted";
CREATE TABLE "program_pipeline_pairs" (
	"opportunity_id" text NOT NULL,
	"org_id" text NOT NULL,
	"sourced" boolean NOT NULL,
	"partner_sourced" boolean NOT NULL,
	"won" boolean NOT NULL,
	"amount" bigint NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "program_pipeline_pairs_opportunity_id_org_id_pk" PRIMARY KEY("opportunity_id","org_id")
);
--> statement-breakpoint
ALTER TABLE "program_standings" ADD COLUMN "fingerprint" text;--> statement-breakpoint
ALTER TABLE "program_pipeline_pairs" ADD CONSTRAINT "program_pipeline_pairs_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "program_pipeline_pairs_created_idx" ON "program_pipeline_pairs" USING btree ("created_at","org_id","sourced","partner_sourced","won","amount","closed_at");--> statement-breakpoint
CREATE INDEX "program_pipeline_pairs_won_closed_idx" ON "program_pipeline_pairs" USING btree ("closed_at","org_id","amount","created_at") WHERE "program_pipeline_pairs"."won";
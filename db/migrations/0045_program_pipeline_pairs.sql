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
ALTER TABLE "program_pipeline_pairs" ADD CONSTRAINT "program_pipeline_pairs_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;
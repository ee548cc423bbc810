CREATE TABLE "program_standing_measurements" (
	"org_id" text PRIMARY KEY NOT NULL,
	"measurements" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "program_standing_measurements" ADD CONSTRAINT "program_standing_measurements_org_id_program_standings_org_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."program_standings"("org_id") ON DELETE cascade ON UPDATE no action;
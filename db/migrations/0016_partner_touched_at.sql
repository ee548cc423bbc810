DROP INDEX "opportunities_created_idx";--> statement-breakpoint
DROP INDEX "opportunities_closed_idx";--> statement-breakpoint
ALTER TABLE "opportunities" ADD COLUMN "partner_touched_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "opportunities_created_idx" ON "opportunities" USING btree ("created_at","org_id","stage","amount","closed_at","sourced_by_org_id","partner_touched_at","id");--> statement-breakpoint
CREATE INDEX "opportunities_closed_idx" ON "opportunities" USING btree ("closed_at","org_id","stage","amount","created_at","sourced_by_org_id","partner_touched_at","id") WHERE "opportunities"."closed_at" is not null;
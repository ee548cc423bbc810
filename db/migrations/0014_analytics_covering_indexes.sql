DROP INDEX "opportunities_created_idx";--> statement-breakpoint
DROP INDEX "opportunities_closed_idx";--> statement-breakpoint
DROP INDEX "opportunity_participants_joined_idx";--> statement-breakpoint
DROP INDEX "referrals_created_idx";--> statement-breakpoint
DROP INDEX "referrals_closed_idx";--> statement-breakpoint
DROP INDEX "referrals_opportunity_idx";--> statement-breakpoint
CREATE INDEX "opportunity_participants_accepted_idx" ON "opportunity_participants" USING btree ("opportunity_id","org_id","joined_at") WHERE "opportunity_participants"."status" = 'accepted';--> statement-breakpoint
CREATE INDEX "opportunities_created_idx" ON "opportunities" USING btree ("created_at","org_id","stage","amount","closed_at","sourced_by_org_id","id");--> statement-breakpoint
CREATE INDEX "opportunities_closed_idx" ON "opportunities" USING btree ("closed_at","org_id","stage","amount","created_at","sourced_by_org_id","id") WHERE "opportunities"."closed_at" is not null;--> statement-breakpoint
CREATE INDEX "opportunity_participants_joined_idx" ON "opportunity_participants" USING btree ("joined_at","status","opportunity_id","org_id");--> statement-breakpoint
CREATE INDEX "referrals_created_idx" ON "referrals" USING btree ("created_at","from_org_id","to_org_id","status","closed_at","won_amount");--> statement-breakpoint
CREATE INDEX "referrals_closed_idx" ON "referrals" USING btree ("closed_at","from_org_id","to_org_id","status","created_at","won_amount") WHERE "referrals"."closed_at" is not null;--> statement-breakpoint
CREATE INDEX "referrals_opportunity_idx" ON "referrals" USING btree ("opportunity_id","status","created_at","from_org_id","to_org_id");
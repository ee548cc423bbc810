ALTER TABLE "partnership_settings" ADD COLUMN "asymmetry_warning_percent" integer DEFAULT 30 NOT NULL;--> statement-breakpoint
CREATE INDEX "opportunities_sourced_by_idx" ON "opportunities" USING btree ("sourced_by_org_id");--> statement-breakpoint
CREATE INDEX "referrals_pair_idx" ON "referrals" USING btree ("from_org_id","to_org_id","created_at");--> statement-breakpoint
ALTER TABLE "partnership_settings" ADD CONSTRAINT "partnership_settings_asymmetry" CHECK ("partnership_settings"."asymmetry_warning_percent" between 5 and 100);
CREATE TABLE "listing_view_counts" (
	"listing_id" text NOT NULL,
	"org_id" text NOT NULL,
	"day" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "listing_view_counts_listing_id_day_pk" PRIMARY KEY("listing_id","day")
);
--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "discard_reason" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "converted_kind" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "converted_id" text;--> statement-breakpoint
ALTER TABLE "leads" ADD COLUMN "converted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD COLUMN "amount_reporting" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "deal_registrations" ADD COLUMN "exchange_rate" double precision DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "registration_settings" ADD COLUMN "exchange_rates" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "listing_view_counts" ADD CONSTRAINT "listing_view_counts_listing_id_listings_id_fk" FOREIGN KEY ("listing_id") REFERENCES "public"."listings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listing_view_counts" ADD CONSTRAINT "listing_view_counts_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "listing_view_counts_org_day_idx" ON "listing_view_counts" USING btree ("org_id","day");--> statement-breakpoint
-- Leads marked "handled" before the lifecycle existed were answered: they are "contacted" now.
UPDATE "leads" SET "status" = 'contacted' WHERE "status" = 'handled';--> statement-breakpoint
-- Registrations so far were all in the reporting currency.
UPDATE "deal_registrations" SET "amount_reporting" = "amount", "exchange_rate" = 1;

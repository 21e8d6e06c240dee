ALTER TABLE "shipments" ADD COLUMN "shipped_on" date;--> statement-breakpoint
-- Ship dates were stored as midnight UTC of the day the distributor named: that UTC day is the date.
UPDATE "shipments" SET "shipped_on" = ("shipped_at" AT TIME ZONE 'UTC')::date WHERE "shipped_at" IS NOT NULL;

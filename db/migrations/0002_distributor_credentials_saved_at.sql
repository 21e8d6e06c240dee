ALTER TABLE "distributor_accounts" ADD COLUMN "credentials_saved_at" timestamp with time zone;
--> statement-breakpoint
-- Accounts saved before the column existed: their last change is the best date we have.
UPDATE "distributor_accounts" SET "credentials_saved_at" = "updated_at" WHERE "credentials_ciphertext" IS NOT NULL;

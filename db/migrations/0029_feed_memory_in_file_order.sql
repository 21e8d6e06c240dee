-- A feed memory now keeps each row's SKU, in the file's order, so that the next day's file is compared
-- row by row as it is read; the distributor's shared memory fingerprints an item's cells and its
-- stock's apart, with the item's stock slot. What the old memories held cannot be read that way: they
-- are forgotten (their chunks go with them), and each dealer's next import compares its file in full.
DELETE FROM "feed_fingerprints";--> statement-breakpoint
DELETE FROM "shared_feed_fingerprints";--> statement-breakpoint
ALTER TABLE "feed_fingerprint_chunks" ADD COLUMN "skus" bytea NOT NULL;--> statement-breakpoint
ALTER TABLE "shared_feed_fingerprint_chunks" DROP COLUMN "fingerprints";--> statement-breakpoint
ALTER TABLE "shared_feed_fingerprint_chunks" ADD COLUMN "skus" bytea NOT NULL;--> statement-breakpoint
ALTER TABLE "shared_feed_fingerprint_chunks" ADD COLUMN "items" bytea NOT NULL;--> statement-breakpoint
ALTER TABLE "shared_feed_fingerprint_chunks" ADD COLUMN "stock" bytea NOT NULL;--> statement-breakpoint
ALTER TABLE "shared_feed_fingerprint_chunks" ADD COLUMN "slots" bytea NOT NULL;

-- The distributor's shared feed memory now keeps, per row, fingerprints of the item's cells and of its
-- stock's apart, with the item's stock slot. What the old one remembered cannot be read that way: it is
-- forgotten (the chunks go with it), and each distributor's next import compares its file in full.
DELETE FROM "shared_feed_fingerprints";--> statement-breakpoint
ALTER TABLE "shared_feed_fingerprint_chunks" DROP COLUMN "fingerprints";--> statement-breakpoint
ALTER TABLE "shared_feed_fingerprint_chunks" ADD COLUMN "items" bytea NOT NULL;--> statement-breakpoint
ALTER TABLE "shared_feed_fingerprint_chunks" ADD COLUMN "stock" bytea NOT NULL;--> statement-breakpoint
ALTER TABLE "shared_feed_fingerprint_chunks" ADD COLUMN "slots" bytea NOT NULL;

CREATE TABLE "shared_feed_fingerprint_chunks" (
	"distributor" text NOT NULL,
	"chunk" integer NOT NULL,
	"fingerprints" "bytea" NOT NULL,
	CONSTRAINT "shared_feed_fingerprint_chunks_distributor_chunk_pk" PRIMARY KEY("distributor","chunk")
);
--> statement-breakpoint
CREATE TABLE "shared_feed_fingerprints" (
	"distributor" text PRIMARY KEY NOT NULL,
	"import_id" uuid NOT NULL,
	"layout" text NOT NULL,
	"since_xid" bigint NOT NULL,
	"own_xids" bigint[] NOT NULL,
	"rows" integer NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "shared_feed_fingerprint_chunks" ADD CONSTRAINT "shared_feed_fingerprint_chunks_distributor_shared_feed_fingerprints_distributor_fk" FOREIGN KEY ("distributor") REFERENCES "public"."shared_feed_fingerprints"("distributor") ON DELETE cascade ON UPDATE no action;
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import type postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFeedActivities } from '../../activities/catalog-feed.js';
import { createDb } from '../../db/client.js';
import { migrateDatabase } from '../../db/migrate.js';
import { databaseMigratedBefore } from '../helpers/database.js';

const MEMORY = '0029_feed_memory_in_file_order';

/**
 * Feed memories in the file's order (migration 0029): memories of the old kind, a fingerprint per row
 * with no SKU, cannot be followed row by row. They are forgotten, so the next import compares its file
 * in full (and holds nothing it has not checked), then remembers it the new way.
 */
describe('migration 0029: feed memories in the file order', () => {
  let before: Awaited<ReturnType<typeof databaseMigratedBefore>>;
  let sql: postgres.Sql;

  beforeAll(async () => {
    before = await databaseMigratedBefore(MEMORY);
    ({ sql } = before);
  });
  afterAll(async () => before?.close());

  it('forgets the old memories, and the next import compares in full and remembers anew', async () => {
    const importId = randomUUID();
    await sql`insert into dealers (id, name) values ('north', 'North Moto')`;
    await sql`insert into feed_imports (id, dealer_id, distributor, status, since_xid) values (${importId}, 'north', 'wps', 'succeeded', 1)`;
    const remembered = { import_id: importId, layout: '[]', since_xid: 1, own_xids: [], rows: 2 };
    await sql`insert into feed_fingerprints ${sql({ dealer_id: 'north', distributor: 'wps', ...remembered })}`;
    await sql`insert into feed_fingerprint_chunks ${sql({ dealer_id: 'north', distributor: 'wps', chunk: 0, fingerprints: Buffer.alloc(16, 1) })}`;
    await sql`insert into shared_feed_fingerprints ${sql({ distributor: 'wps', ...remembered })}`;
    await sql`insert into shared_feed_fingerprint_chunks ${sql({ distributor: 'wps', chunk: 0, fingerprints: Buffer.alloc(16, 1) })}`;

    await migrateDatabase(before.url);
    for (const table of ['feed_fingerprints', 'feed_fingerprint_chunks', 'shared_feed_fingerprints', 'shared_feed_fingerprint_chunks'])
      expect(await sql`select count(*)::int as count from ${sql(table)}`).toEqual([{ count: 0 }]);

    const database = createDb(before.url, { max: 3 });
    try {
      const file = [
        'Part Number,Dealer Price,Boise Qty,Fresno Qty,Elizabethtown Qty,Midlothian Qty,Ashley Qty',
        '10-0001,24.00,5,0,0,0,1',
        '10-0002,6.50,0,0,0,0,0',
      ].join('\n');
      const activities = catalogFeedActivities({ db: database.db, openCatalogFeed: async () => ({ stream: Readable.from([file]), close: async () => {} }) });
      const importFile = () =>
        new MockActivityEnvironment({}, { logger: new DefaultLogger('ERROR') }).run(activities.importCatalogFeed, {
          importId: randomUUID(),
          dealerId: 'north',
          distributor: 'wps' as const,
        });
      expect(await importFile()).toMatchObject({ rowsOk: 2, rowsHeld: 0 });
      expect(await importFile()).toMatchObject({ rowsOk: 2, rowsHeld: 2 });
      const [chunk] = await sql<Array<{ skus: Buffer; items: Buffer; slots: Buffer }>>`select skus, items, slots from shared_feed_fingerprint_chunks`;
      // Two rows: 4-byte SKU keys, 8-byte fingerprints, 4-byte slots.
      expect([chunk!.skus.length, chunk!.items.length, chunk!.slots.length]).toEqual([8, 16, 8]);
    } finally {
      await database.close();
    }
  });
});

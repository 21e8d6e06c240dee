import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { and, eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFeedActivities, type FeedImportRef, type FeedImportSummary } from '../../activities/catalog-feed.js';
import { putCatalogItems } from '../../db/repositories/catalog-upsert.js';
import { replaceStock } from '../../db/repositories/inventory.js';
import { catalogItems, dealers, feedImports } from '../../db/schema/index.js';
import { bytesOf } from '../../db/repositories/copy-binary.js';
import { lastImport, rememberImport } from '../../db/repositories/feed-fingerprints.js';
import { beginFeedImport } from '../../db/repositories/feed-imports.js';
import { freshDatabase } from '../helpers/database.js';

const HEADER = 'Part Number,Description,Dealer Price,Boise Qty,Fresno Qty,Elizabethtown Qty,Midlothian Qty,Ashley Qty,Lead Time Days,Vendor Part Number,Brand';
const FILE = [
  '77-0001,Brake pads,24.00,5,0,0,0,1,2,BP-1,EBC',
  '77-0002,Oil filter,6.50,0,0,0,0,0,1,OF-2,Hiflofiltro',
  '77-0003,"Chain, 520",80.00,3,3,0,0,0,4,CH-520,DID',
  '77-0004,Spark plug,9.00,10,0,2,0,0,1,SP-4,NGK',
  '77-0005,Grips,12.00,0,7,0,0,0,3,GR-5,ODI',
];

/**
 * A dealer's daily file is compared in memory with what their last import left in the catalog, and
 * the rows unchanged since are skipped. That is sound only while nothing else wrote those rows since:
 * whatever did, the next import compares and writes as if it had no memory.
 */
describe('feed import remembers its last file', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const [dealer, other] = ['a', 'b'].map((name) => `dealer-${name}-${randomUUID().slice(0, 8)}`) as [string, string];

  beforeAll(async () => {
    database = await freshDatabase();
    await database.db.insert(dealers).values([
      { id: dealer, name: 'Memory Powersports' },
      { id: other, name: 'Other Powersports' },
    ]);
  });
  afterAll(async () => database?.close());

  const importFile = (dealerId: string, lines: string[], header = HEADER) => {
    const activities = catalogFeedActivities({
      db: database.db,
      openCatalogFeed: async () => ({ stream: Readable.from([[header, ...lines].join('\n')]), close: async () => {} }),
    });
    return new MockActivityEnvironment({}, { logger: new DefaultLogger('ERROR') }).run(activities.importCatalogFeed, {
      importId: randomUUID(),
      dealerId,
      distributor: 'wps',
    } satisfies FeedImportRef) as Promise<FeedImportSummary>;
  };
  const stock = async (sku: string) =>
    Object.fromEntries(
      (
        await database.db.execute<{ warehouse_code: string; quantity: number }>(
          sql`select warehouse_code, quantity from distributor_stock where distributor = 'wps' and distributor_sku = ${sku} and quantity > 0`,
        )
      ).map((row) => [row.warehouse_code, row.quantity]),
    );
  const description = async (sku: string) =>
    (
      await database.db.execute<{ description: string }>(sql`select description from distributor_items where distributor = 'wps' and distributor_sku = ${sku}`)
    )[0]?.description;
  const price = async (sku: string) =>
    (
      await database.db
        .select({ costCents: catalogItems.costCents })
        .from(catalogItems)
        .where(and(eq(catalogItems.dealerId, dealer), eq(catalogItems.distributorSku, sku)))
    )[0]?.costCents;

  it('skips every row of an unchanged file, and counts them', async () => {
    expect(await importFile(dealer, FILE)).toMatchObject({ rowsRead: 5, rowsOk: 5, rowsHeld: 0 });
    expect(await importFile(dealer, FILE)).toMatchObject({ rowsRead: 5, rowsOk: 5, rowsHeld: 5, rowsBad: 0 });
  });

  it('compares again, and so restores, the rows a live check, another dealer, a hand edit or a deletion changed since', async () => {
    // A live check sees 77-0001 sold out at Boise, later than the last import began…
    await replaceStock(database.db, 'wps', [{ distributorSku: '77-0001', warehouses: [{ warehouse: 'IN', quantity: 1 }] }]);
    // …another dealer's file describes the chain otherwise…
    await importFile(other, ['77-0003,"Chain, 520 gold",81.00,3,3,0,0,0,4,CH-520,DID']);
    // …a hand edit sets the dealer's own price of the filter, and the spark plug leaves their catalog.
    await putCatalogItems(database.db, dealer, [{ distributor: 'wps', distributorSku: '77-0002', dealerSku: '77-0002', costCents: 999 }]);
    await database.db.execute(sql`delete from catalog_items where dealer_id = ${dealer} and distributor_sku = '77-0004'`);
    expect(await stock('77-0001')).toEqual({ IN: 1 });

    // The same file, today: it is the newest word on all of them. (The live check wrote the stock page
    // that all five items share, so none of them is taken as held.)
    expect(await importFile(dealer, FILE)).toMatchObject({ rowsOk: 5, rowsHeld: 0 });
    expect(await stock('77-0001')).toEqual({ ID: 5, IN: 1 });
    expect(await description('77-0003')).toBe('Chain, 520');
    expect(await price('77-0002')).toBe(650);
    expect(await price('77-0004')).toBe(900);

    // Its own writes are no reason to compare again: tomorrow, the same file is all skipped.
    expect(await importFile(dealer, FILE)).toMatchObject({ rowsOk: 5, rowsHeld: 5 });
  });

  it('skips nothing of a file laid out otherwise, and remembers it in its new layout', async () => {
    const withoutBrand = (line: string) => line.split(',').slice(0, -1).join(',');
    const header = withoutBrand(HEADER);
    expect(await importFile(dealer, FILE.map(withoutBrand), header)).toMatchObject({ rowsOk: 5, rowsHeld: 0 });
    expect(await importFile(dealer, FILE.map(withoutBrand), header)).toMatchObject({ rowsOk: 5, rowsHeld: 5 });
  });

  it("writes only a dealer's prices where the items and stock are as another dealer's import left them, and compares again what was written since", async () => {
    const file = (dollars: string) => [`78-0001,Fork seal,${dollars},4,0,0,0,0,2,FS-1,All Balls`, `78-0002,Clutch lever,${dollars},0,6,0,0,0,2,CL-2,ASV`];
    // Transactions an import wrote the catalog in: per batch, one for the items and their stock, one for the prices.
    const transactions = async (importId: string) =>
      (await database.db.select({ xids: feedImports.writtenXids }).from(feedImports).where(eq(feedImports.id, importId)))[0]!.xids.length;

    expect(await transactions((await importFile(other, file('20.00'))).importId)).toBe(2);
    const mine = await importFile(dealer, file('18.50'));
    expect(mine).toMatchObject({ rowsOk: 2, rowsHeld: 0 });
    expect(await transactions(mine.importId)).toBe(1);
    expect([await price('78-0001'), await price('78-0002')]).toEqual([1850, 1850]);

    // A live check since: the other dealer's file, the newest word again, compares and restores that
    // item's stock (and its page's other item), but not their prices, which nothing wrote since.
    await replaceStock(database.db, 'wps', [{ distributorSku: '78-0002', warehouses: [{ warehouse: 'IN', quantity: 2 }] }]);
    const again = await importFile(other, file('20.00'));
    expect(again).toMatchObject({ rowsOk: 2, rowsHeld: 0 });
    expect(await transactions(again.importId)).toBe(1);
    expect(await stock('78-0002')).toEqual({ CA: 6 });
  });

  it('trusts no memory once a catalog table was truncated', async () => {
    await database.db.execute(sql`truncate stock_pages`);
    expect(await importFile(dealer, FILE)).toMatchObject({ rowsOk: 5, rowsHeld: 0 });
    expect(await stock('77-0004')).toEqual({ ID: 10, PA: 2 });
  });
  it('stores each memory as the last file left it, rewriting only the pieces that changed', async () => {
    const file = (rows: number, changedAt = -1) =>
      Array.from({ length: rows }, (_, i) => `88-${String(i).padStart(5, '0')},Part ${i},10.00,${i === changedAt ? 2 : 1},0,0,0,0,1,P-${i},ACME`);
    // A memory is kept in pieces of 4,096 rows: each piece's row version tells whether it was written.
    const versions = async (table: 'feed_fingerprint_chunks' | 'shared_feed_fingerprint_chunks') =>
      (
        await database.db.execute<{ version: string }>(sql`select xmin::text as version from ${sql.identifier(table)} where distributor = 'wps' order by chunk`)
      ).map((row) => row.version);
    await importFile(dealer, file(9_000));
    const [own, shared] = [await versions('feed_fingerprint_chunks'), await versions('shared_feed_fingerprint_chunks')];
    expect(shared).toHaveLength(3);

    expect(await importFile(dealer, file(9_000))).toMatchObject({ rowsHeld: 9_000 });
    expect([await versions('feed_fingerprint_chunks'), await versions('shared_feed_fingerprint_chunks')]).toEqual([own, shared]);

    // A quantity in the third piece: only that piece of the shared memory is written.
    expect(await importFile(dealer, file(9_000, 8_500))).toMatchObject({ rowsHeld: 8_999 });
    expect(await versions('feed_fingerprint_chunks')).toEqual(own);
    const [first, second, third] = await versions('shared_feed_fingerprint_chunks');
    expect([first, second, third === shared[2]]).toEqual([shared[0], shared[1], false]);

    // Fewer rows, then more: the memory read back is the file last imported, every time.
    expect(await importFile(dealer, file(5_000))).toMatchObject({ rowsHeld: 5_000 });
    expect(await versions('shared_feed_fingerprint_chunks')).toHaveLength(2);
    expect(await importFile(dealer, file(5_000))).toMatchObject({ rowsHeld: 5_000 });
    expect(await importFile(dealer, file(13_000))).toMatchObject({ rowsHeld: 5_000 });
    expect(await importFile(dealer, file(13_000))).toMatchObject({ rowsHeld: 13_000 });
    expect(await versions('shared_feed_fingerprint_chunks')).toHaveLength(4);
  });
  it('ignores a memory stored with 8-byte SKUs, as they once were, and stores it anew', async () => {
    const file = Array.from({ length: 5_000 }, (_, i) => `90-${String(i).padStart(5, '0')},Part ${i},10.00,1,0,0,0,0,1,P-${i},ACME`);
    await importFile(dealer, file);
    // Each SKU key widened to 8 bytes, as a float64 of the same value was stored before.
    const widened = (table: string) => sql`
      update ${sql.identifier(table)} set skus = (
        select string_agg(substr(skus, 4 * i + 1, 4) || decode('00000000', 'hex'), ''::bytea order by i)
        from generate_series(0, length(skus) / 4 - 1) i)
      where distributor = 'wps'`;
    await database.db.execute(widened('feed_fingerprint_chunks'));
    await database.db.execute(widened('shared_feed_fingerprint_chunks'));
    expect(await lastImport(database.db, dealer, 'wps')).toMatchObject({ own: { held: null }, shared: { held: null } });
    expect(await importFile(dealer, file)).toMatchObject({ rowsOk: 5_000, rowsHeld: 0 });
    expect(await importFile(dealer, file)).toMatchObject({ rowsOk: 5_000, rowsHeld: 5_000 });
  });
  it('writes a memory whole when another import replaced it after it was read', async () => {
    const file = (rows: number, changedAt = -1) =>
      Array.from({ length: rows }, (_, i) => `89-${String(i).padStart(5, '0')},Part ${i},10.00,${i === changedAt ? 2 : 1},0,0,0,0,1,P-${i},ACME`);
    await importFile(dealer, file(9_000));
    // The dealer's next import reads the memories, then another dealer's import (one quantity moved)
    // replaces the shared one before the first ends with a file exactly as it read.
    const read = await lastImport(database.db, dealer, 'wps');
    await importFile(other, file(9_000, 100));
    const { own, shared } = { own: read.own.held!, shared: read.shared.held! };
    const begun = await beginFeedImport(database.db, { id: randomUUID(), dealerId: dealer, distributor: 'wps' });
    await rememberImport(database.db, { id: begun.id, dealerId: dealer, distributor: 'wps' }, { ...shared, rows: own.rows }, read);
    // Only what differs from what it read would have been nothing: the other dealer's stock would have stayed.
    const stored = (await lastImport(database.db, dealer, 'wps')).shared.held!;
    expect(bytesOf(stored.stock).equals(bytesOf(shared.stock))).toBe(true);
  });
});

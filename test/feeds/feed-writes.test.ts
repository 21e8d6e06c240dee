import { MockActivityEnvironment } from '@temporalio/testing';
import { DefaultLogger } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFeedActivities, type FeedImportRef } from '../../activities/catalog-feed.js';
import { upsertDealerItems, upsertDistributorItems } from '../../db/repositories/catalog-upsert.js';
import { writePrices } from '../../db/repositories/dealer-prices.js';
import { StagedFeedRows } from '../../db/repositories/feed-staging.js';
import { dealers, STOCK_PAGE_ITEMS } from '../../db/schema/index.js';
import { NO_SLOT } from '../../feeds/fingerprint.js';
import type { FeedRow } from '../../feeds/row.js';
import { freshDatabase } from '../helpers/database.js';
import { eventually } from '../helpers/eventually.js';

const HEADER = 'Part Number,Description,Dealer Price,Boise Qty,Fresno Qty,Elizabethtown Qty,Midlothian Qty,Ashley Qty,Lead Time Days,Vendor Part Number,Brand';
const YESTERDAY = [
  '66-0001,Brake pads,24.00,5,0,0,0,1,2,BP-1,EBC',
  '66-0002,Oil filter,6.50,0,0,0,0,0,1,OF-2,Hiflofiltro',
  '66-0003,"Chain, 520",80.00,3,3,0,0,0,4,CH-520,DID',
  '66-0004,Spark plug,9.00,10,0,2,0,0,1,SP-4,NGK',
  '66-0005,Grips\\ soft,12.00,0,7,0,0,0,3,GR-5,ODI',
];
/** Today's file: one price, one quantity, one warehouse emptied, one newly stocked, one description; the fifth line as yesterday. */
const TODAY = [
  '66-0001,Brake pads,24.00,4,0,0,0,1,2,BP-1,EBC',
  '66-0002,Oil filter,6.75,0,0,0,0,0,1,OF-2,Hiflofiltro',
  '66-0003,"Chain, 520",80.00,3,0,0,0,0,4,CH-520,DID',
  '66-0004,"Spark plug, iridium",9.00,10,0,2,0,6,1,SP-4,NGK',
  '66-0005,Grips\\ soft,12.00,0,7,0,0,0,3,GR-5,ODI',
];
const file = (lines: string[]) => [HEADER, ...lines].join('\n');

/**
 * Only what changed is written: the import compares a batch with what is stored set-based and
 * leaves every row that already says the same alone, neither rewritten nor locked, so an unchanged
 * daily file costs no writes and no WAL, and a second dealer's copy of the same file writes only
 * that dealer's prices.
 */
describe('feed import writes only what changed', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const [first, second] = ['a', 'b'].map((name) => `dealer-${name}-${randomUUID().slice(0, 8)}`) as [string, string];
  let contents = '';

  beforeAll(async () => {
    database = await freshDatabase();
    await database.db.insert(dealers).values([
      { id: first, name: 'First Powersports' },
      { id: second, name: 'Second Powersports' },
    ]);
  });
  afterAll(async () => database?.close());

  const activities = () =>
    catalogFeedActivities({
      db: database.db,
      openCatalogFeed: async () => ({ stream: Readable.from([contents]), close: async () => {} }),
    });
  const importFile = async (dealerId: string, lines: string[]) => {
    contents = file(lines);
    return new MockActivityEnvironment({}, { logger: new DefaultLogger('ERROR') }).run(activities().importCatalogFeed, {
      importId: randomUUID(),
      dealerId,
      distributor: 'wps',
    } satisfies FeedImportRef);
  };

  /** The transaction id from which on a row version made or a row lock taken counts as the next import's. */
  const mark = async () => Number((await database.db.execute<{ xid: string }>(sql`select txid_current() % 4294967296 as xid`))[0]!.xid) + 1;
  /** Rows of the test's items that a transaction since `since` wrote (a new version) or locked (xmax), by key; price pages by dealer, stock pages by number. */
  const testPages = `select stock_slot / ${STOCK_PAGE_ITEMS} from distributor_items where distributor_sku like '66-%'`;
  const touchedSince = async (since: number) => {
    const touched = (table: string, key: string, ofTest = `distributor_sku like '66-%'`) =>
      database.db.execute<{ key: string }>(
        sql.raw(`select ${key} as key from ${table}
                 where ${ofTest} and (xmin::text::bigint >= ${since} or xmax::text::bigint >= ${since}) order by 1`),
      );
    const keys = async (rows: Promise<Array<{ key: string }>>) => (await rows).map((row) => row.key);
    return {
      items: await keys(touched('distributor_items', 'distributor_sku')),
      pricePages: await keys(touched('dealer_price_pages', 'dealer_id', `page in (${testPages})`)),
      stockPages: (await keys(touched('stock_pages', 'page::text', `page in (${testPages})`))).length,
    };
  };
  /** The stock rows (item, warehouse = quantity) in `after` that differ from `before`. */
  const stockChanged = (before: Array<Record<string, unknown>>, after: Array<Record<string, unknown>>) => {
    const cell = (row: Record<string, unknown>) => `${String(row.distributor_sku)} ${String(row.warehouse_code)}=${String(row.quantity)}`;
    const was = new Set(before.map(cell));
    return after.map(cell).filter((key) => !was.has(key));
  };
  const stored = async () => ({
    items: await database.db.execute(sql`select * from distributor_items where distributor_sku like '66-%' order by distributor_sku`),
    prices: await database.db.execute(sql`select * from catalog_items where distributor_sku like '66-%' order by dealer_id, distributor_sku`),
    stock: await database.db.execute(sql`select * from distributor_stock where distributor_sku like '66-%' order by distributor_sku, warehouse_code`),
  });

  it('a file that matches what is stored writes and locks no row', async () => {
    expect(await importFile(first, YESTERDAY)).toMatchObject({ rowsOk: 5, rowsBad: 0 });
    const before = await stored();
    expect(before.stock).toHaveLength(7);

    const since = await mark();
    expect(await importFile(first, YESTERDAY)).toMatchObject({ rowsOk: 5, rowsBad: 0 });
    expect(await touchedSince(since)).toEqual({ items: [], pricePages: [], stockPages: 0 });
    expect(await stored()).toEqual(before);
  });

  it('a file with some prices and quantities changed writes exactly those rows', async () => {
    const before = await stored();
    const since = await mark();
    expect(await importFile(first, TODAY)).toMatchObject({ rowsOk: 5, rowsBad: 0 });
    // The five items' stock shares one page, and so do the dealer's prices of them: each rewritten once.
    expect(await touchedSince(since)).toEqual({ items: ['66-0004'], pricePages: [first], stockPages: 1 });
    const { items, prices, stock } = await stored();
    // Boise 5 → 4; Fresno emptied, kept at 0; Ashley newly stocked.
    expect(stockChanged(before.stock, stock)).toEqual(['66-0001 ID=4', '66-0003 CA=0', '66-0004 IN=6']);
    expect(stock).toHaveLength(8);
    expect(items.find((item) => item.distributor_sku === '66-0004')).toMatchObject({ description: 'Spark plug, iridium' });
    expect(items.find((item) => item.distributor_sku === '66-0005')).toMatchObject({ description: 'Grips\\ soft' });
    expect(prices.find((price) => price.distributor_sku === '66-0002')).toMatchObject({ cost_cents: 675 });
  });

  it("a second dealer's identical file writes no stock and no items, only that dealer's prices", async () => {
    const before = await stored();
    const since = await mark();
    expect(await importFile(second, TODAY)).toMatchObject({ rowsOk: 5, rowsBad: 0 });
    expect(await touchedSince(since)).toEqual({ items: [], pricePages: [second], stockPages: 0 });
    const after = await stored();
    expect(after.stock).toEqual(before.stock);
    expect(after.items).toEqual(before.items);
    expect(after.prices.filter((price) => price.dealer_id === first)).toEqual(before.prices);
  });

  it('a SKU listed twice is stored as its later line says', async () => {
    const lines = [
      '66-0009,Mirror left,15.00,2,0,0,0,0,2,MR-9,CRG',
      '66-0008,Mirror right,15.00,1,0,0,0,0,2,MR-8,CRG',
      '66-0009,Mirror left,16.50,0,4,0,0,0,3,MR-9L,CRG',
    ];
    expect(await importFile(first, lines)).toMatchObject({ rowsOk: 3, rowsBad: 0 });
    const { items, prices, stock } = await stored();
    expect(items.find((item) => item.distributor_sku === '66-0009')).toMatchObject({ lead_time_days: 3, manufacturer_part_number: 'MR-9L' });
    expect(prices.find((price) => price.dealer_id === first && price.distributor_sku === '66-0009')).toMatchObject({ cost_cents: 1650 });
    expect(stock.filter((row) => row.distributor_sku === '66-0009').map((row) => [row.warehouse_code, row.quantity])).toEqual([['CA', 4]]);
  });

  it("a dealer's prices go into their pages by the items' slots: a SKU's later row wins, an unchanged price is not written, a held item's slot is looked up", async () => {
    const newcomer = `dealer-c-${randomUUID().slice(0, 8)}`;
    await database.db.insert(dealers).values({ id: newcomer, name: 'Third Powersports' });
    const row = (distributorSku: string, costCents: number): FeedRow => ({
      distributorSku,
      costCents,
      quantities: [],
      description: null,
      leadTimeDays: null,
      manufacturerPartNumber: null,
      brand: null,
    });
    const write = async (rows: FeedRow[]) => {
      const batch = new StagedFeedRows([]).add(rows);
      await upsertDistributorItems(database.db, 'wps', batch, new Date());
      return upsertDealerItems(database.db, newcomer, 'wps', batch);
    };
    const prices = async () =>
      (
        await database.db.execute<{ sku: string; cost: number; at: number }>(
          sql`select distributor_sku as sku, cost_cents as cost, (extract(epoch from updated_at) * 1000)::float8 as at from catalog_items where dealer_id = ${newcomer} order by 1`,
        )
      ).map(({ sku, cost, at }) => ({ sku, cost, at }));

    expect(await write([row('66-0101', 100), row('66-0102', 200), row('66-0102', 210)])).toEqual(expect.any(Number));
    await write([row('66-0103', 300), row('66-0102', 250)]);
    const [first101] = await prices();
    // Nothing changed: nothing is written, so no transaction is noted as the import's.
    expect(await write([row('66-0101', 100)])).toBeNull();
    await write([row('66-0101', 100), row('66-0104', 400)]);
    // A row whose item the import's memory holds without knowing its slot: found by its SKU.
    expect(await upsertDealerItems(database.db, newcomer, 'wps', new StagedFeedRows([]).add([row('66-0105', 500)], ['own'], [NO_SLOT]))).toEqual(
      expect.any(Number),
    );
    const stored = await prices();
    expect(stored.map(({ sku, cost }) => [sku, cost])).toEqual([
      ['66-0101', 100],
      ['66-0102', 250],
      ['66-0103', 300],
      ['66-0104', 400],
      ['66-0105', 500],
    ]);
    expect(stored[0]!.at).toBe(first101!.at);
  });

  it('a price page a hand edit inserts while the import writes is merged into, not overwritten', async () => {
    const dealer = `dealer-d-${randomUUID().slice(0, 8)}`;
    await database.db.insert(dealers).values({ id: dealer, name: 'Fourth Powersports' });
    const [item] = await database.db.execute<{ slot: number }>(sql`select stock_slot::float8 as slot from distributor_items where distributor_sku = '66-0001'`);
    const [neighbour] = await database.db.execute<{ sku: string; slot: number }>(
      sql`select distributor_sku as sku, stock_slot::float8 as slot from distributor_items
          where distributor = 'wps' and stock_slot / ${STOCK_PAGE_ITEMS} = ${Math.floor(item!.slot / STOCK_PAGE_ITEMS)} and distributor_sku <> '66-0001' limit 1`,
    );
    // A hand edit inserts the dealer's page and holds it, uncommitted, while the import finds no page and inserts its own.
    const edit = await database.db.$client.reserve();
    try {
      await edit`begin`;
      await edit`insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, cost_cents) values (${dealer}, 'wps', '66-0001', 'D-BRAKES', 111)`;
      const writing = database.db.$client.begin((tx) => writePrices(tx, { dealerId: dealer, distributor: 'wps', slots: [neighbour!.slot], costs: [222] }));
      await eventually(
        async () =>
          (
            await database.db.execute<{ waiting: boolean }>(
              sql`select exists (select from pg_stat_activity where wait_event_type = 'Lock' and query like '%dealer_price_pages%') as waiting`,
            )
          )[0]!.waiting,
        "the import's insert to wait for the hand edit's page",
      );
      await edit`commit`;
      expect(await writing).toBe(true);
    } finally {
      edit.release();
    }
    const prices = await database.db.execute<{ sku: string; dealer_sku: string; cost: number }>(
      sql`select distributor_sku as sku, dealer_sku, cost_cents as cost from catalog_items where dealer_id = ${dealer} order by 1`,
    );
    expect(prices.map(({ sku, dealer_sku, cost }) => [sku, dealer_sku, cost]).sort()).toEqual(
      [
        ['66-0001', 'D-BRAKES', 111],
        [neighbour!.sku, neighbour!.sku, 222],
      ].sort(),
    );
    expect(await database.db.execute(sql`select count(*)::int as pages from dealer_price_pages where dealer_id = ${dealer}`)).toEqual([{ pages: 1 }]);
  });
});

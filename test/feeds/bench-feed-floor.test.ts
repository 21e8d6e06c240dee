import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wpsFeedMapping, writeFeedFile } from '../../bench/feed-file.js';
import { copyIntoStaging, insertFromStaging, insertPricesFromStaging, mergePricesFromStaging, writeChangesFromStaging } from '../../bench/feed-set-based.js';
import { STOCK_PAGE_ITEMS } from '../../db/schema/index.js';
import { readFeedBatches } from '../../feeds/reader.js';
import { freshDatabase } from '../helpers/database.js';

/**
 * The floors `npm run bench:feed` sets beside two aims: the database alone writing the next day's
 * changes, and a further dealer's prices. A floor that wrote less than an import must write would
 * call reachable aims out of reach, so what they leave in the catalog is checked against the files.
 */
describe('bench feed floors', () => {
  const ROWS = 2000;
  const mapping = wpsFeedMapping();
  const warehouseCodes = Object.keys(mapping.warehouseQuantities);
  let dir: string;
  let baseFile: string;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let sql: postgres.Sql;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dropline-bench-floor-test-'));
    database = await freshDatabase();
    sql = postgres(database.url, { max: 1, onnotice: () => {} });
    await sql`insert into dealers (id, name) values ('bench', 'Bench Powersports'), ('bench-2', 'Second Bench Powersports')`;
    baseFile = path.join(dir, 'base.csv');
    await writeFeedFile(baseFile, mapping, ROWS, { dealer: 0 });
    await copyIntoStaging(sql, baseFile, warehouseCodes);
    await insertFromStaging(sql, 'bench', 'wps', warehouseCodes);
  });
  afterAll(async () => {
    await sql.end();
    await database.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** The file as the import reads it: cost by SKU, and quantity by SKU and warehouse code. */
  async function readFile(file: string) {
    const costs = new Map<string, number>();
    const quantities = new Map<string, number>();
    for await (const batch of readFeedBatches(createReadStream(file), mapping, { batchSize: 1000 })) {
      for (const row of batch.rows) {
        costs.set(row.distributorSku, row.costCents);
        row.quantities.forEach((quantity, w) => quantities.set(`${row.distributorSku} ${batch.warehouses[w]}`, quantity));
      }
    }
    return { costs, quantities };
  }

  async function storedPrices(dealerId: string) {
    const rows = await sql<Array<{ sku: string; cost: number }>>`
      select distributor_sku as sku, cost_cents as cost from catalog_items where dealer_id = ${dealerId} and distributor = 'wps'`;
    return new Map(rows.map((r) => [r.sku, r.cost]));
  }

  async function storedStock() {
    const rows = await sql<Array<{ key: string; quantity: number }>>`
      select distributor_sku || ' ' || warehouse_code as key, quantity from distributor_stock where distributor = 'wps'`;
    return new Map(rows.map((r) => [r.key, r.quantity]));
  }

  it('loads the file as the import would: every stocked quantity, in pages', async () => {
    const { quantities } = await readFile(baseFile);
    expect(await storedStock()).toEqual(new Map([...quantities].filter(([, quantity]) => quantity > 0)));
  });

  it("writes as much as the next day's import must: the changed prices, and every page holding a changed quantity", async () => {
    const nextFile = path.join(dir, 'next.csv');
    const next = await writeFeedFile(nextFile, mapping, ROWS, { dealer: 0, changedPrices: 0.05, changedQuantities: 0.2 });
    const [yesterday, today] = [await readFile(baseFile), await readFile(nextFile)];
    await copyIntoStaging(sql, nextFile, warehouseCodes);
    const stockBefore = await storedStock();

    await mergePricesFromStaging(sql, 'bench', 'wps');
    const changes = await writeChangesFromStaging(sql, 'bench', 'wps');

    expect(next.pricesChanged).toBeGreaterThan(0);
    expect(await storedPrices('bench')).toEqual(today.costs);
    // The price pages rewritten are those holding a changed price.
    const pricePages = await sql<Array<{ page: number; skus: string[] }>>`
      select page.page, array_agg(item.distributor_sku) as skus from dealer_price_pages page
      join distributor_items item on item.distributor = page.distributor and item.stock_slot / ${STOCK_PAGE_ITEMS} = page.page
      where page.dealer_id = 'bench' and page.distributor = 'wps' group by page.page`;
    const repriced = (sku: string) => today.costs.get(sku) !== yesterday.costs.get(sku);
    expect(changes.prices.rows).toBe(pricePages.filter((page) => page.skus.some(repriced)).length);
    expect(changes.prices.rows).toBeGreaterThan(0);
    // Every page is rewritten, as it is, and every page has an item whose quantities the day changed.
    const pages = await sql<Array<{ page: number; skus: string[] }>>`
      select page.page, array_agg(item.distributor_sku) as skus from stock_pages page
      join distributor_items item on item.distributor = page.distributor and item.stock_slot / ${STOCK_PAGE_ITEMS} = page.page
      where page.distributor = 'wps' group by page.page`;
    expect(changes.stock.rows).toBe(pages.length);
    const changed = (sku: string) => warehouseCodes.some((code) => today.quantities.get(`${sku} ${code}`) !== yesterday.quantities.get(`${sku} ${code}`));
    expect(pages.filter((page) => !page.skus.some(changed))).toEqual([]);
    expect(await storedStock()).toEqual(stockBefore);
  });

  it("inserts a further dealer's prices, and nothing of the items and stock stored already", async () => {
    const dealerFile = path.join(dir, 'dealer.csv');
    await writeFeedFile(dealerFile, mapping, ROWS, { dealer: 7 });
    const stockBefore = await storedStock();
    await copyIntoStaging(sql, dealerFile, warehouseCodes);

    expect(await insertPricesFromStaging(sql, 'bench-2', 'wps')).toBe(Math.ceil(ROWS / STOCK_PAGE_ITEMS));

    expect(await storedPrices('bench-2')).toEqual((await readFile(dealerFile)).costs);
    expect(await storedStock()).toEqual(stockBefore);
    const [items] = await sql<Array<{ n: string }>>`select count(*) as n from distributor_items where distributor = 'wps'`;
    expect(Number(items!.n)).toBe(ROWS);
  });
});

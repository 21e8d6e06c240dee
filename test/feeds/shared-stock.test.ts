import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoOrder, seedDemoDealer } from '../../db/demo-data.js';
import { searchCatalog } from '../../db/repositories/catalog.js';
import { putStock, upsertDistributorItems } from '../../db/repositories/catalog-upsert.js';
import { factsFor } from '../../db/repositories/dropship-facts.js';
import { StagedFeedRows } from '../../db/repositories/feed-staging.js';
import { replaceStock } from '../../db/repositories/inventory.js';
import { createOrder } from '../../db/repositories/orders.js';
import { dealers, distributorStock, warehouses } from '../../db/schema/index.js';
import { planDropship } from '../../domain/routing.js';
import type { FeedRow } from '../../feeds/row.js';
import { createCredentialsCipher } from '../../security/credentials-cipher.js';
import { testConfig } from '../helpers/config.js';
import { freshDatabase } from '../helpers/database.js';

const HOUR = 3_600_000;

/** A feed line of the helmet, with its quantity per warehouse in the order the feed names them. */
const helmetRow = (quantities: number[]): FeedRow => ({
  distributorSku: '87-9934',
  costCents: 6500,
  quantities,
  description: null,
  leadTimeDays: null,
  manufacturerPartNumber: null,
  brand: null,
});

/**
 * A distributor's stock is stored once and read by every dealer through their own catalog: a live
 * check by one dealer is what every dealer sees, the newest observation wins, and each dealer's own
 * rules (stock buffer, warehouse lead times) still decide what they may drop-ship from it.
 */
describe('shared distributor stock', () => {
  const cipher = createCredentialsCipher(testConfig.credentialKeys);
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  const dealerIds = ['a', 'b', 'c'].map((name) => `dealer-${name}-${randomUUID().slice(0, 8)}`);
  const [first, second, third] = dealerIds as [string, string, string];

  beforeAll(async () => {
    database = await freshDatabase();
    for (const dealerId of dealerIds) await seedDemoDealer(database.db, cipher, { dealerId, wpsToken: 'unused' });
  });
  afterAll(async () => database?.close());

  const helmetStock = async (dealerId: string) =>
    (await searchCatalog(database.db, dealerId, { q: '87-9934', limit: 10 })).items[0]?.stock.map((s) => [s.warehouseCode, s.quantity]);
  const storedHelmet = () =>
    database.db
      .select({ warehouse: distributorStock.warehouseCode, quantity: distributorStock.quantity, asOf: distributorStock.asOf, source: distributorStock.source })
      .from(distributorStock)
      .where(and(eq(distributorStock.distributor, 'wps'), eq(distributorStock.distributorSku, '87-9934')))
      .orderBy(distributorStock.warehouseCode);

  it('keeps one copy of the stock for every dealer', async () => {
    // Three dealers seeded with the same WPS items hold one row per warehouse, not three.
    expect((await storedHelmet()).map((s) => [s.warehouse, s.quantity])).toEqual([
      ['CA', 3],
      ['ID', 12],
    ]);
    for (const dealerId of dealerIds)
      expect(await helmetStock(dealerId)).toEqual([
        ['CA', 3],
        ['ID', 12],
      ]);
  });

  it('a live stock check updates the shared stock for every dealer, and an older feed finishing later cannot undo it', async () => {
    const checkedAt = new Date();
    // One dealer's PO checks WPS live: 2 left at Boise, Fresno no longer listed.
    await replaceStock(database.db, 'wps', [{ distributorSku: '87-9934', warehouses: [{ warehouse: 'ID', quantity: 2 }] }], checkedAt);
    for (const dealerId of dealerIds) expect(await helmetStock(dealerId)).toEqual([['ID', 2]]);
    // Fresno is kept at 0 with the check's time, so what it saw stays the newest word on it.
    expect(await storedHelmet()).toEqual([
      { warehouse: 'CA', quantity: 0, asOf: checkedAt, source: 'live_check' },
      { warehouse: 'ID', quantity: 2, asOf: checkedAt, source: 'live_check' },
    ]);

    // Another dealer's feed import that started an hour before the check commits its batch now.
    await upsertDistributorItems(database.db, 'wps', new StagedFeedRows(['ID', 'CA']).add([helmetRow([9, 9])]), new Date(checkedAt.getTime() - HOUR));
    // So does a live answer older than the one stored (a slow call that returned late).
    await replaceStock(database.db, 'wps', [{ distributorSku: '87-9934', warehouses: [{ warehouse: 'ID', quantity: 8 }] }], new Date(checkedAt.getTime() - 1));
    expect((await storedHelmet()).map((s) => [s.warehouse, s.quantity])).toEqual([
      ['CA', 0],
      ['ID', 2],
    ]);

    // Tomorrow's feed, which started after the check, is newer and lands for everyone.
    const tomorrow = new Date(checkedAt.getTime() + 24 * HOUR);
    await upsertDistributorItems(database.db, 'wps', new StagedFeedRows(['ID', 'CA']).add([helmetRow([7, 0])]), tomorrow);
    expect(await storedHelmet()).toEqual([
      // The item's stock is as of the observation that last changed it.
      { warehouse: 'CA', quantity: 0, asOf: tomorrow, source: 'feed' },
      { warehouse: 'ID', quantity: 7, asOf: tomorrow, source: 'feed' },
    ]);
    // A second dealer's identical file, started later still, changes nothing and stamps nothing.
    await upsertDistributorItems(database.db, 'wps', new StagedFeedRows(['ID', 'CA']).add([helmetRow([7, 0])]), new Date(tomorrow.getTime() + HOUR));
    expect((await storedHelmet()).map((s) => s.asOf)).toEqual([tomorrow, tomorrow]);
    for (const dealerId of dealerIds) expect(await helmetStock(dealerId)).toEqual([['ID', 7]]);
  });

  it("a dealer's stock buffer and lead-time override still decide eligibility from the same stock", async () => {
    // Three at Boise, shared. The first dealer keeps the defaults; the second holds back a buffer of 3;
    // the third counts Boise as a 3-day warehouse.
    await putStock(database.db, [
      { distributor: 'wps', distributorSku: '87-9934', warehouseCode: 'ID', quantity: 3 },
      { distributor: 'wps', distributorSku: '87-9934', warehouseCode: 'CA', quantity: 0 },
    ]);
    await database.db.update(dealers).set({ stockBuffer: 3 }).where(eq(dealers.id, second));
    await database.db
      .update(warehouses)
      .set({ leadTimeDays: 3 })
      .where(and(eq(warehouses.dealerId, third), eq(warehouses.distributor, 'wps'), eq(warehouses.code, 'ID')));

    const helmetLine = async (dealerId: string) => {
      const order = demoOrder(`WEB-SHARED-${dealerId}`);
      const { id: orderId } = await createOrder(database.db, {
        dealerId,
        channel: 'website',
        ...order,
        lines: [{ sku: 'HELMET-MX-M', quantity: 1, unitPriceCents: 12995 }],
      });
      const facts = await factsFor(database.db, dealerId, orderId, {
        id: randomUUID(),
        shipTo: null,
        rerouteOf: null,
        excludedDistributors: [],
        maxCostPercent: null,
      });
      return planDropship(facts).lines[0]!;
    };

    expect(await helmetLine(first)).toMatchObject({ status: 'routed', chosen: { distributor: 'wps', availableQty: 3, leadTimeDays: 1 } });
    const buffered = await helmetLine(second);
    expect(buffered.status).toBe('needs_resolution');
    expect(buffered.reasons.map((r) => r.code)).toEqual(['insufficient_stock']);
    const slow = await helmetLine(third);
    expect(slow.status).toBe('needs_resolution');
    expect(slow.reasons.map((r) => r.code)).toEqual(['lead_time_too_long']);
  });
});

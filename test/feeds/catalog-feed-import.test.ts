import { MockActivityEnvironment } from '@temporalio/testing';
import type { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogFeedActivities, type FeedImportRef } from '../../activities/catalog-feed.js';
import { catalogFeedOpener } from '../../activities/catalog-feed-source.js';
import { seedDemoDealer } from '../../db/demo-data.js';
import { saveCatalogFeed, type CatalogFeedSettings } from '../../db/repositories/catalog-feeds.js';
import { dealerItemColumns, ofDistributorItem, searchCatalog } from '../../db/repositories/catalog.js';
import { catalogItems, distributorItems, distributorStock, feedImports, stockPages } from '../../db/schema/index.js';
import type { DistributorId } from '../../domain/distributors.js';
import { createCredentialsCipher } from '../../security/credentials-cipher.js';
import { testConfig } from '../helpers/config.js';
import { freshDatabase } from '../helpers/database.js';
import { startFtpServer } from '../helpers/ftp-server.js';
import { startSftpServer } from '../helpers/sftp-server.js';

const USER = 'ridgeline';
const PASSWORD = 'feed-pa55word';

// Lines as the dealer would see them in an editor; the header is line 1.
const WPS_FILE = [
  'Part Number,Description,Dealer Price,Boise Qty,Fresno Qty,Elizabethtown Qty,Midlothian Qty,Ashley Qty,Lead Time Days,Vendor Part Number,Brand',
  '87-9934,,62.50,10,0,0,0,0,1,73-8402M,Fly Racing', //                         2: known item, new cost and stock
  '21-4480,"Chain lube, 13 oz ""dry""",9.99,4,4,0,0,2,1,CL-13,Maxima', //       3
  '87-1000,Goggles,abc,1,0,0,0,0,1,,', //                                       4: bad price
  '87-1001,"Jersey,\nsize L",45.00,0,2,0,0,0,,,Fly Racing', //                   5–6
  '87-1002,Boots,120.00,1', //                                                  7: short row
  ',No part number,5.00,1,1,1,1,1,1,,', //                                      8
  '87-1003,Tire,89.00,x,0,0,0,0,1,,', //                                        9: bad quantity
  '87-1004,Grips,12.00,0,0,0,0,0,3,GR-1,ODI', //                                10: none in stock
  '87-1005,"Broken quote,1.00,1,1,1,1,1,1,,', //                                11: the quote never closes
  '87-1006,Never read,1.00,1,1,1,1,1,1,,', //                                   12
].join('\n');

/** The same Parts Unlimited items and stock as two dealers get them, each at their own dealer price. */
const sharedPuFile = (prices: [string, string]) =>
  [
    'Part Number,Part Description,Dealer Price,WI Qty,NV Qty,PA Qty,Vendor Part Number,Brand Name',
    `0999-0001,Tank bag,${prices[0]},4,0,2,TB-1,Nelson-Rigg`,
    `0999-0002,Tie-downs,${prices[1]},0,0,12,TD-2,Ancra`,
  ].join('\n');

const PU_FILE = [
  'Part Number,Part Description,Dealer Price,WI Qty,NV Qty,PA Qty,Vendor Part Number,Brand Name',
  '0402-0212,Gloves L,11.50,0,5,30,G-L,Moose Racing',
  '0101-3337,Helmet M,$1,071.00,6,0,0,H-M,Bell', //                             3: unquoted comma in the price
  '0101-3338,Helmet L,71.00,2+,0,0,H-L,Bell',
].join('\r\n');

/** The import over real SFTP and FTP servers in this process, into a real Postgres. */
describe('importCatalogFeed', () => {
  const cipher = createCredentialsCipher(testConfig.credentialKeys);
  let root: string;
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let sftp: Awaited<ReturnType<typeof startSftpServer>>;
  let ftp: Awaited<ReturnType<typeof startFtpServer>>;
  let dealerId: string;
  let activities: ReturnType<typeof catalogFeedActivities>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'dropline-feeds-'));
    await writeFile(path.join(root, 'wps.csv'), WPS_FILE);
    await writeFile(path.join(root, 'pu.csv'), PU_FILE);
    await writeFile(path.join(root, 'shared-first.csv'), sharedPuFile(['40.00', '9.00']));
    await writeFile(path.join(root, 'shared-second.csv'), sharedPuFile(['38.50', '9.25']));
    await writeFile(path.join(root, 'renamed.csv'), 'Part Number,Cost,Boise Qty\n87-9934,1.00,1\n');
    [database, sftp, ftp] = await Promise.all([
      freshDatabase(),
      startSftpServer({ root, username: USER, password: PASSWORD }),
      startFtpServer({ root, username: USER, password: PASSWORD }),
    ]);
    ({ dealerId } = await seedDemoDealer(database.db, cipher, { dealerId: `dealer-${randomUUID().slice(0, 8)}`, wpsToken: 'unused' }));
    activities = catalogFeedActivities({ db: database.db, openCatalogFeed: catalogFeedOpener(database.db, cipher) });
  });
  afterAll(async () => {
    await Promise.all([sftp?.close(), ftp?.close()]);
    await database?.close();
    await rm(root, { recursive: true, force: true });
  });

  const feed = (
    distributor: DistributorId,
    settings: Partial<CatalogFeedSettings> & Pick<CatalogFeedSettings, 'transport' | 'port' | 'path'>,
    dealer = dealerId,
  ) =>
    saveCatalogFeed(database.db, dealer, distributor, {
      host: '127.0.0.1',
      username: USER,
      secret: cipher.encrypt({ password: PASSWORD }),
      timeZone: 'America/Boise',
      ...settings,
    });
  const run = (distributor: DistributorId, importId = randomUUID(), dealer = dealerId) =>
    // Failures are what some tests expect: keep their warnings out of the output.
    new MockActivityEnvironment({}, { logger: new DefaultLogger('ERROR') }).run(activities.importCatalogFeed, {
      importId,
      dealerId: dealer,
      distributor,
    } satisfies FeedImportRef);
  const failureOf = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.unreachable('the import should fail'),
      (error: unknown) => error as ApplicationFailure,
    );
  const item = async (sku: string) =>
    (
      await database.db
        .select(dealerItemColumns)
        .from(catalogItems)
        .leftJoin(distributorItems, ofDistributorItem)
        .where(and(eq(catalogItems.dealerId, dealerId), eq(catalogItems.distributorSku, sku)))
    )[0];
  const stock = async (distributor: string, sku: string) =>
    Object.fromEntries(
      (
        await database.db
          .select()
          .from(distributorStock)
          .where(and(eq(distributorStock.distributor, distributor), eq(distributorStock.distributorSku, sku), gt(distributorStock.quantity, 0)))
      ).map((row) => [row.warehouseCode, row.quantity]),
    );
  const summaryRow = async (importId: string) => (await database.db.select().from(feedImports).where(eq(feedImports.id, importId)))[0]!;

  it('imports a WPS file over SFTP: good rows kept, bad rows reported by line, a summary row left', async () => {
    await feed('wps', { transport: 'sftp', port: sftp.port, path: '/wps.csv', hostKeySha256: sftp.hostKeySha256 });
    const importId = randomUUID();
    expect(await run('wps', importId)).toMatchObject({ importId, rowsRead: 9, rowsOk: 4, rowsBad: 5 });

    // A known item keeps the dealer's SKU and, for a blank description, the one it had.
    expect(await item('87-9934')).toMatchObject({
      dealerSku: 'HELMET-MX-M',
      description: 'MX helmet, medium',
      costCents: 6250,
      leadTimeDays: 1,
      manufacturerPartNumber: '73-8402M',
      brand: 'Fly Racing',
    });
    expect(await stock('wps', '87-9934')).toEqual({ ID: 10 });
    expect(await item('21-4480')).toMatchObject({ dealerSku: '21-4480', description: 'Chain lube, 13 oz "dry"', costCents: 999, brand: 'Maxima' });
    expect(await stock('wps', '21-4480')).toEqual({ ID: 4, CA: 4, IN: 2 });
    expect(await item('87-1001')).toMatchObject({ description: 'Jersey,\nsize L', costCents: 4500, leadTimeDays: null });
    expect(await item('87-1004')).toMatchObject({ costCents: 1200, leadTimeDays: 3 });
    expect(await stock('wps', '87-1004')).toEqual({});
    for (const sku of ['87-1000', '87-1002', '87-1003', '87-1005', '87-1006']) expect(await item(sku)).toBeUndefined();

    const summary = await summaryRow(importId);
    expect(summary).toMatchObject({ status: 'succeeded', rowsRead: 9, rowsOk: 4, rowsBad: 5, committedLine: 11, error: null });
    expect(summary.finishedAt).toBeInstanceOf(Date);
    expect(summary.durationMs).toBeGreaterThanOrEqual(0);
    expect(summary.badRows).toEqual([
      { line: 4, reason: 'Dealer Price "abc" is not a price' },
      { line: 7, reason: 'has 4 values but the header has 11 columns' },
      { line: 8, reason: 'Part Number is empty' },
      { line: 9, reason: 'Boise Qty "x" is not a quantity' },
      { line: 11, reason: 'a quoted value that starts here is never closed; the rest of the file was not read' },
    ]);
  });

  it('imports a Parts Unlimited file over FTP with its own column layout', async () => {
    await feed('parts_unlimited', { transport: 'ftp', port: ftp.port, path: '/pu.csv' });
    const importId = randomUUID();
    expect(await run('parts_unlimited', importId)).toMatchObject({ rowsRead: 3, rowsOk: 2, rowsBad: 1 });
    expect(await item('0402-0212')).toMatchObject({
      distributor: 'parts_unlimited',
      description: 'Gloves L',
      costCents: 1150,
      manufacturerPartNumber: 'G-L',
      brand: 'Moose Racing',
    });
    expect(await stock('parts_unlimited', '0402-0212')).toEqual({ NV: 5, PA: 30 });
    expect(await stock('parts_unlimited', '0101-3338')).toEqual({ WI: 2 });
    expect((await summaryRow(importId)).badRows).toEqual([{ line: 3, reason: 'has 9 values but the header has 8 columns' }]);
  });

  it('two dealers importing the same file share its stock rows and items, and keep their own prices', async () => {
    const { dealerId: other } = await seedDemoDealer(database.db, cipher, { dealerId: `dealer-${randomUUID().slice(0, 8)}`, wpsToken: 'unused' });
    await feed('parts_unlimited', { transport: 'ftp', port: ftp.port, path: '/shared-first.csv' });
    await feed('parts_unlimited', { transport: 'ftp', port: ftp.port, path: '/shared-second.csv' }, other);
    const firstImport = randomUUID();
    expect(await run('parts_unlimited', firstImport)).toMatchObject({ rowsOk: 2, rowsBad: 0 });
    const stored = () =>
      database.db
        .select()
        .from(distributorStock)
        .where(and(eq(distributorStock.distributor, 'parts_unlimited'), inArray(distributorStock.distributorSku, ['0999-0001', '0999-0002'])))
        .orderBy(distributorStock.distributorSku, distributorStock.warehouseCode);
    const afterFirst = await stored();
    expect(await run('parts_unlimited', randomUUID(), other)).toMatchObject({ rowsOk: 2, rowsBad: 0 });

    // One row per warehouse holding stock, whoever imported it; the second, identical stock wrote
    // nothing (the rows still carry the first import's start).
    const { startedAt } = await summaryRow(firstImport);
    expect(await stored()).toEqual(afterFirst);
    expect(afterFirst.map((s) => [s.distributorSku, s.warehouseCode, s.quantity, s.asOf.getTime()])).toEqual([
      ['0999-0001', 'PA', 2, startedAt.getTime()],
      ['0999-0001', 'WI', 4, startedAt.getTime()],
      ['0999-0002', 'PA', 12, startedAt.getTime()],
    ]);
    const described = await database.db
      .select()
      .from(distributorItems)
      .where(and(eq(distributorItems.distributor, 'parts_unlimited'), inArray(distributorItems.distributorSku, ['0999-0001', '0999-0002'])));
    expect(described).toHaveLength(2);

    // Each dealer has the items at their own price, and sees the same stock.
    const itemOf = async (dealer: string, sku: string) =>
      (
        await database.db
          .select(dealerItemColumns)
          .from(catalogItems)
          .leftJoin(distributorItems, ofDistributorItem)
          .where(and(eq(catalogItems.dealerId, dealer), eq(catalogItems.distributorSku, sku)))
      )[0];
    expect(await itemOf(dealerId, '0999-0001')).toMatchObject({ costCents: 4000, description: 'Tank bag', brand: 'Nelson-Rigg' });
    expect(await itemOf(other, '0999-0001')).toMatchObject({ costCents: 3850, description: 'Tank bag', brand: 'Nelson-Rigg' });
    expect(await itemOf(dealerId, '0999-0002')).toMatchObject({ costCents: 900 });
    expect(await itemOf(other, '0999-0002')).toMatchObject({ costCents: 925 });
    for (const dealer of [dealerId, other]) {
      const page = await searchCatalog(database.db, dealer, { q: '0999-000', limit: 10 });
      expect(page.items.map((i) => [i.distributorSku, i.stock.map((s) => [s.warehouseCode, s.quantity])])).toEqual([
        [
          '0999-0001',
          [
            ['PA', 2],
            ['WI', 4],
          ],
        ],
        ['0999-0002', [['PA', 12]]],
      ]);
    }
  });

  it('is idempotent: running the same import again changes nothing and downloads nothing', async () => {
    await feed('parts_unlimited', { transport: 'ftp', port: ftp.port, path: '/pu.csv' });
    const importId = randomUUID();
    const first = await run('parts_unlimited', importId);
    const before = await item('0402-0212');
    await feed('parts_unlimited', { transport: 'ftp', port: ftp.port, path: '/gone.csv' });
    expect(await run('parts_unlimited', importId)).toEqual(first);
    expect(await item('0402-0212')).toEqual(before);
  });

  it('resumes after the last line an earlier attempt committed, keeping its counts', async () => {
    await database.db.delete(stockPages).where(eq(stockPages.distributor, 'wps'));
    await database.db.execute(sql`delete from catalog_items where dealer_id = ${dealerId} and distributor = 'wps'`);
    await feed('wps', { transport: 'sftp', port: sftp.port, path: '/wps.csv' });
    const importId = randomUUID();
    // As an attempt that committed lines 2–4 and then lost its worker would have left it.
    await database.db.insert(feedImports).values({
      id: importId,
      dealerId,
      distributor: 'wps',
      status: 'running',
      rowsRead: 3,
      rowsOk: 2,
      rowsBad: 1,
      badRows: [{ line: 4, reason: 'Dealer Price "abc" is not a price' }],
      committedLine: 4,
    });
    expect(await run('wps', importId)).toMatchObject({ rowsRead: 9, rowsOk: 4, rowsBad: 5 });
    expect(await item('87-9934')).toBeUndefined();
    expect(await item('87-1001')).toBeDefined();
    expect((await summaryRow(importId)).badRows.map((row) => row.line)).toEqual([4, 7, 8, 9, 11]);
  });

  it('fails for good, naming the problem, on a wrong password, a missing file or a changed layout', async () => {
    await feed('wps', { transport: 'sftp', port: sftp.port, path: '/wps.csv', secret: cipher.encrypt({ password: 'wrong' }) });
    const wrongPassword = await failureOf(run('wps'));
    expect(wrongPassword).toMatchObject({
      type: 'Feed:auth',
      nonRetryable: true,
      message: `The SFTP server at 127.0.0.1:${sftp.port} refused the username or password`,
    });

    await feed('wps', { transport: 'sftp', port: sftp.port, path: '/nope.csv' });
    expect(await failureOf(run('wps'))).toMatchObject({
      type: 'Feed:not_found',
      nonRetryable: true,
      message: `There is no file /nope.csv on the SFTP server at 127.0.0.1:${sftp.port}`,
    });

    await feed('wps', { transport: 'ftp', port: ftp.port, path: '/renamed.csv' });
    expect(await failureOf(run('wps'))).toMatchObject({
      type: 'Feed:layout',
      nonRetryable: true,
      message: expect.stringContaining('has no "Dealer Price", "Fresno Qty"'),
    });

    await feed('wps', { transport: 'sftp', port: sftp.port, path: '/wps.csv', hostKeySha256: 'ab'.repeat(32) });
    expect(await failureOf(run('wps'))).toMatchObject({ type: 'Feed:auth', message: expect.stringContaining('host key other than the pinned one') });
  });

  it('retries a server it cannot reach', async () => {
    await feed('wps', { transport: 'ftp', port: 1, path: '/wps.csv' });
    expect(await failureOf(run('wps'))).toMatchObject({ type: 'Feed:unreachable', nonRetryable: false });
  });
});

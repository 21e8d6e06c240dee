import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dealerItemColumns, ofDistributorItem } from '../../db/repositories/catalog.js';
import { catalogFeeds, catalogItems, distributorItems } from '../../db/schema/index.js';
import { dealerApi } from '../helpers/api.js';
import { eventually } from '../helpers/eventually.js';
import { startSftpServer } from '../helpers/sftp-server.js';
import { startStack, type Stack } from '../helpers/stack.js';

const USER = 'ridgeline';
const PASSWORD = 'api-feed-pa55word';
const WPS_FILE = [
  'Part Number,Description,Dealer Price,Boise Qty,Fresno Qty,Elizabethtown Qty,Midlothian Qty,Ashley Qty,Lead Time Days,Vendor Part Number,Brand',
  '87-9934,MX helmet M,61.00,8,1,0,0,0,1,73-8402M,Fly Racing',
  '87-2000,Visor,oops,1,0,0,0,0,1,,',
].join('\n');

/** Feed settings over HTTP: saved with the secret encrypted, scheduled in the dealer's time zone, importable now. */
describe('catalog feeds API', () => {
  let stack: Stack;
  let api: ReturnType<typeof dealerApi>;
  let root: string;
  let sftp: Awaited<ReturnType<typeof startSftpServer>>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'dropline-feed-api-'));
    await writeFile(path.join(root, 'wps.csv'), WPS_FILE);
    [stack, sftp] = await Promise.all([startStack(), startSftpServer({ root, username: USER, password: PASSWORD })]);
    api = dealerApi(stack.app, stack.apiKey);
  });
  afterAll(async () => {
    await stack?.client.schedule
      .getHandle(`catalog-feed:${stack.dealerId}:wps`)
      .delete()
      .catch(() => {});
    await Promise.all([stack?.stop(), sftp?.close()]);
    await rm(root, { recursive: true, force: true });
  });

  const feed = (overrides: Record<string, unknown> = {}) => ({
    transport: 'sftp',
    host: sftp.host,
    port: sftp.port,
    path: '/wps.csv',
    username: USER,
    password: PASSWORD,
    timeZone: 'America/Denver',
    scheduleHour: 6,
    ...overrides,
  });

  it('refuses a bad time zone, a refused cron expression and an unknown file layout, saving nothing', async () => {
    const zone = await api('PUT', '/v1/catalog-feeds/wps', feed({ timeZone: 'Mars/Olympus' }));
    expect(zone.status).toBe(400);
    expect(zone.body.error.details.fields[0]).toEqual({ field: 'body.timeZone', message: '"Mars/Olympus" is not an IANA time zone such as America/Chicago' });
    // An offset has no daylight-saving rules, so it is no zone for a daily schedule (Intl alone takes it).
    expect((await api('PUT', '/v1/catalog-feeds/wps', feed({ timeZone: '+05:00' }))).body.error.details.fields[0].field).toBe('body.timeZone');
    const cron = await api('PUT', '/v1/catalog-feeds/wps', feed({ scheduleCron: '99 99 * * *' }));
    expect(cron.status).toBe(400);
    expect(cron.body.error.details.fields[0].field).toBe('body.scheduleCron');
    const layout = await api('PUT', '/v1/catalog-feeds/automatic', feed());
    expect(layout.status).toBe(422);
    expect(layout.body.error.message).toContain('Automatic Distributors');
    expect(await stack.db.select().from(catalogFeeds).where(eq(catalogFeeds.dealerId, stack.dealerId))).toEqual([]);
  });

  it('refuses an HTTPS path that names another host or scheme, saving nothing', async () => {
    for (const path of [
      'https://evil.example/wps.csv',
      '//evil.example/wps.csv',
      '/\\evil.example/wps.csv',
      '\\\\evil.example\\wps.csv',
      'http://feeds.example.com/wps.csv',
      '/\t/evil.example/x',
    ]) {
      const refused = await api('PUT', '/v1/catalog-feeds/wps', feed({ transport: 'https', host: 'feeds.example.com', port: undefined, path }));
      expect(refused.status, path).toBe(400);
      expect(refused.body.error.details.fields, path).toEqual([{ field: 'body.path', message: expect.stringContaining('path on feeds.example.com') }]);
    }
    expect(await stack.db.select().from(catalogFeeds).where(eq(catalogFeeds.dealerId, stack.dealerId))).toEqual([]);
  });

  it('stores and schedules a feed’s time zone as the tz database spells it', async () => {
    const saved = await api('PUT', '/v1/catalog-feeds/wps', feed({ timeZone: 'us/mountain' }));
    expect(saved.status).toBe(200);
    expect(saved.body.timeZone).toBe('America/Denver');
    const [row] = await stack.db.select().from(catalogFeeds).where(eq(catalogFeeds.dealerId, stack.dealerId));
    expect(row!.timeZone).toBe('America/Denver');
    expect((await stack.client.schedule.getHandle(saved.body.scheduleId).describe()).spec.timezone).toBe('America/Denver');
  });

  it('saves the feed with its password encrypted and schedules it in the dealer’s time zone', async () => {
    const saved = await api('PUT', '/v1/catalog-feeds/wps', feed());
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ distributor: 'wps', scheduleId: `catalog-feed:${stack.dealerId}:wps`, enabled: true, timeZone: 'America/Denver' });

    const [row] = await stack.db.select().from(catalogFeeds).where(eq(catalogFeeds.dealerId, stack.dealerId));
    expect(row!.secretCiphertext).not.toContain(PASSWORD);
    expect(stack.cipher.decrypt(row!.secretCiphertext!, row!.secretKeyId!)).toEqual({ password: PASSWORD });

    const described = await stack.client.schedule.getHandle(saved.body.scheduleId).describe();
    expect(described.spec.timezone).toBe('America/Denver');
    expect(described.spec.calendars?.[0]?.hour).toEqual([{ start: 6, end: 6, step: 1 }]);

    const listed = await api('GET', '/v1/catalog-feeds');
    expect(listed.body.feeds).toHaveLength(1);
    expect(listed.body.feeds[0]).toMatchObject({ distributor: 'wps', secretSaved: true, timeZone: 'America/Denver', scheduleHour: 6 });
    expect(JSON.stringify(listed.body)).not.toContain(PASSWORD);
    expect(listed.body.feeds[0]).not.toHaveProperty('secretCiphertext');
  });

  it('imports now on request, and the summary shows good and bad rows', async () => {
    expect((await api('POST', '/v1/catalog-feeds/parts_unlimited/import-now')).status).toBe(404);
    const started = await api('POST', '/v1/catalog-feeds/wps/import-now');
    expect(started.status).toBe(202);
    const summary = await eventually(async () => {
      const [latest] = (await api('GET', '/v1/catalog-feeds')).body.feeds[0].recentImports;
      return latest?.status === 'succeeded' ? latest : undefined;
    }, 'the import to finish');
    expect(summary).toMatchObject({ rowsRead: 2, rowsOk: 1, rowsBad: 1, badRows: [expect.objectContaining({ line: 3 })] });
    const [item] = await stack.db
      .select(dealerItemColumns)
      .from(catalogItems)
      .leftJoin(distributorItems, ofDistributorItem)
      .where(and(eq(catalogItems.dealerId, stack.dealerId), eq(catalogItems.distributorSku, '87-9934')));
    expect(item).toMatchObject({ costCents: 6100, brand: 'Fly Racing', manufacturerPartNumber: '73-8402M' });
  });
});

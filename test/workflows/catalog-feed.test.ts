import { ScheduleOverlapPolicy, WorkflowFailedError, type ScheduleHandle } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCatalogFeed, saveCatalogFeed } from '../../db/repositories/catalog-feeds.js';
import { catalogItems, feedImports } from '../../db/schema/index.js';
import type { DistributorId } from '../../domain/distributors.js';
import { saveCatalogFeedSchedule } from '../../temporal/catalog-feed-schedule.js';
import { catalogFeedImport } from '../../workflows/catalog-feed-import.js';
import { eventually } from '../helpers/eventually.js';
import { recordHistory } from '../helpers/histories.js';
import { startSftpServer } from '../helpers/sftp-server.js';
import { startStack, type Stack } from '../helpers/stack.js';

const USER = 'ridgeline';
const PASSWORD = 'feed-pa55word';
const WPS_FILE = [
  'Part Number,Description,Dealer Price,Boise Qty,Fresno Qty,Elizabethtown Qty,Midlothian Qty,Ashley Qty,Lead Time Days,Vendor Part Number,Brand',
  '87-9934,MX helmet M,61.00,8,1,0,0,0,1,73-8402M,Fly Racing',
  '87-2000,Visor,oops,1,0,0,0,0,1,,',
].join('\n');

/** The daily import as Temporal runs it: a Schedule in the dealer's time zone starting catalogFeedImport. */
describe('catalogFeedImport workflow and its schedule', () => {
  let stack: Stack;
  let root: string;
  let sftp: Awaited<ReturnType<typeof startSftpServer>>;
  const schedules: ScheduleHandle[] = [];

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'dropline-feed-wf-'));
    await writeFile(path.join(root, 'wps.csv'), WPS_FILE);
    [stack, sftp] = await Promise.all([startStack(), startSftpServer({ root, username: USER, password: PASSWORD })]);
  });
  afterAll(async () => {
    await Promise.all(schedules.map((schedule) => schedule.delete()));
    await Promise.all([stack?.stop(), sftp?.close()]);
    await rm(root, { recursive: true, force: true });
  });

  const saveFeed = (distributor: DistributorId, password: string, timing: { timeZone: string; scheduleCron?: string; enabled?: boolean }) =>
    saveCatalogFeed(stack.db, stack.dealerId, distributor, {
      transport: 'sftp',
      host: sftp.host,
      port: sftp.port,
      path: '/wps.csv',
      username: USER,
      secret: stack.cipher.encrypt({ password }),
      ...timing,
    });
  const latestImport = async (distributor: DistributorId) =>
    (
      await stack.db
        .select()
        .from(feedImports)
        .where(and(eq(feedImports.dealerId, stack.dealerId), eq(feedImports.distributor, distributor)))
        .orderBy(desc(feedImports.startedAt))
        .limit(1)
    )[0];

  it('creates the schedule at 05:00 in the dealer’s time zone, and a triggered run imports the file', async () => {
    await saveFeed('wps', PASSWORD, { timeZone: 'America/Boise' });
    const schedule = await saveCatalogFeedSchedule(stack.client, stack.worker!.taskQueue, (await findCatalogFeed(stack.db, stack.dealerId, 'wps'))!);
    schedules.push(schedule);
    expect(schedule.scheduleId).toBe(`catalog-feed:${stack.dealerId}:wps`);

    const described = await schedule.describe();
    expect(described.spec.timezone).toBe('America/Boise');
    expect(described.spec.calendars).toEqual([expect.objectContaining({ hour: [{ start: 5, end: 5, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] })]);
    expect(described.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(described.state.paused).toBe(false);
    expect(described.action).toMatchObject({
      type: 'startWorkflow',
      workflowType: 'catalogFeedImport',
      taskQueue: stack.worker!.taskQueue,
      args: [{ dealerId: stack.dealerId, distributor: 'wps' }],
    });
    const boiseHour = new Intl.DateTimeFormat('en-US', { timeZone: 'America/Boise', hour: 'numeric', hourCycle: 'h23' });
    expect(new Set(described.info.nextActionTimes.map((at) => boiseHour.format(at)))).toEqual(new Set(['05']));

    await schedule.trigger();
    const imported = await eventually(async () => {
      const row = await latestImport('wps');
      return row?.status === 'succeeded' ? row : undefined;
    }, 'the triggered import to finish');
    expect(imported).toMatchObject({ rowsRead: 2, rowsOk: 1, rowsBad: 1, badRows: [{ line: 3, reason: 'Dealer Price "oops" is not a price' }] });
    const [helmet] = await stack.db
      .select()
      .from(catalogItems)
      .where(and(eq(catalogItems.dealerId, stack.dealerId), eq(catalogItems.distributorSku, '87-9934')));
    expect(helmet).toMatchObject({ costCents: 6100, dealerSku: 'HELMET-MX-M' });
    const run = (await schedule.describe()).info.recentActions[0]!.action.workflow.workflowId;
    expect(run).toMatch(new RegExp(`^catalog-feed-import:${stack.dealerId}:wps-`));
    await recordHistory(stack.client, run, 'catalog-feed-import-succeeded');
  });

  it('updates the same schedule when the dealer changes the timing, and pauses it when the feed is turned off', async () => {
    await saveFeed('wps', PASSWORD, { timeZone: 'America/New_York', scheduleCron: '30 6 * * 1-5', enabled: false });
    const schedule = await saveCatalogFeedSchedule(stack.client, stack.worker!.taskQueue, (await findCatalogFeed(stack.db, stack.dealerId, 'wps'))!);
    expect(schedule.scheduleId).toBe(`catalog-feed:${stack.dealerId}:wps`);
    const described = await schedule.describe();
    expect(described.spec.timezone).toBe('America/New_York');
    expect(described.state).toMatchObject({ paused: true, note: 'The dealer turned this feed off' });
    expect(described.spec.calendars).toEqual([
      expect.objectContaining({
        hour: [{ start: 6, end: 6, step: 1 }],
        minute: [{ start: 30, end: 30, step: 1 }],
        dayOfWeek: [{ start: 'MONDAY', end: 'FRIDAY', step: 1 }],
      }),
    ]);
  });

  it('fails a run whose feed refuses the password, leaving the reason on its summary row', async () => {
    await saveFeed('parts_unlimited', 'not-the-password', { timeZone: 'America/Chicago' });
    const workflowId = `catalog-feed-import:${stack.dealerId}:parts_unlimited-${randomUUID()}`;
    const failure = await stack.client.workflow
      .execute(catalogFeedImport, { workflowId, taskQueue: stack.worker!.taskQueue, args: [{ dealerId: stack.dealerId, distributor: 'parts_unlimited' }] })
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    const cause = (failure as WorkflowFailedError).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect(cause).toMatchObject({ type: 'FeedImportFailed', message: `The SFTP server at 127.0.0.1:${sftp.port} refused the username or password` });
    expect(await latestImport('parts_unlimited')).toMatchObject({
      status: 'failed',
      rowsRead: 0,
      error: `The SFTP server at 127.0.0.1:${sftp.port} refused the username or password`,
    });
    await recordHistory(stack.client, workflowId, 'catalog-feed-import-failed');
  });
});

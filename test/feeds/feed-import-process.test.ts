import type { ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedImportRef } from '../../activities/catalog-feed.js';
import { wpsFeedMapping, writeFeedFile } from '../../bench/feed-file.js';
import { saveCatalogFeed } from '../../db/repositories/catalog-feeds.js';
import { catalogItems, dealers, feedImports } from '../../db/schema/index.js';
import { FeedError } from '../../feeds/errors.js';
import { feedImportsInProcesses } from '../../runtime/feed-import-process.js';
import { createCredentialsCipher } from '../../security/credentials-cipher.js';
import { testConfig } from '../helpers/config.js';
import { freshDatabase } from '../helpers/database.js';
import { startSftpServer } from '../helpers/sftp-server.js';

const USER = 'ridgeline';
const PASSWORD = 'feed-pa55word';
/** Enough rows for an import to be stopped half-way: five batches. */
const LARGE_ROWS = 100_000;

/**
 * The worker runs each feed import in a process of its own (runtime/feed-import-process.ts): the import
 * is told over IPC, opens the dealer's feed with the secret decrypted there, writes the catalog,
 * heartbeats, and ends as the activity must know it: a summary, a FeedError kept as such, a stop when
 * cancelled or when the worker is gone, and no more imports at once than it has turns for.
 */
describe('feed imports in processes of their own', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let root: string;
  let sftp: Awaited<ReturnType<typeof startSftpServer>>;
  const dealerId = `dealer-${randomUUID().slice(0, 8)}`;
  const cipher = createCredentialsCipher(testConfig.credentialKeys);
  const started: ChildProcess[] = [];
  let runner: ReturnType<typeof feedImportsInProcesses>;
  /** The bench's import process (bench/feed-import-child.ts): the same, reading the large file from disk, as the bench measures it. */
  let fromLargeFile: ReturnType<typeof feedImportsInProcesses>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'dropline-feed-process-'));
    await writeFile(
      path.join(root, 'small.csv'),
      [
        'Part Number,Description,Dealer Price,Boise Qty,Fresno Qty,Elizabethtown Qty,Midlothian Qty,Ashley Qty,Lead Time Days,Vendor Part Number,Brand',
        '87-9934,MX helmet M,61.00,8,1,0,0,0,1,73-8402M,Fly Racing',
        '87-2000,Visor,oops,1,0,0,0,0,1,,',
      ].join('\n'),
    );
    const largeFile = path.join(root, 'large.csv');
    await writeFeedFile(largeFile, wpsFeedMapping(), LARGE_ROWS, { dealer: 1 });
    [database, sftp] = await Promise.all([freshDatabase(), startSftpServer({ root, username: USER, password: PASSWORD })]);
    await database.db.insert(dealers).values({ id: dealerId, name: 'Process Powersports' });
    runner = feedImportsInProcesses({
      databaseUrl: database.url,
      credentialKeys: testConfig.credentialKeys,
      concurrency: 1,
      onStart: (child) => void started.push(child),
    });
    fromLargeFile = feedImportsInProcesses({
      databaseUrl: database.url,
      credentialKeys: testConfig.credentialKeys,
      entry: fileURLToPath(new URL('../../bench/feed-import-child.ts', import.meta.url)),
      args: [largeFile],
      onStart: (child) => void started.push(child),
    });
  });
  afterAll(async () => {
    await Promise.all([database?.close(), sftp?.close()]);
    await rm(root, { recursive: true, force: true });
  });

  const useFile = (file: string, password = PASSWORD) =>
    saveCatalogFeed(database.db, dealerId, 'wps', {
      transport: 'sftp',
      host: sftp.host,
      port: sftp.port,
      path: `/${file}`,
      username: USER,
      secret: cipher.encrypt({ password }),
      timeZone: 'America/Boise',
    });
  const newRef = (): FeedImportRef => ({ importId: randomUUID(), dealerId, distributor: 'wps' });
  /** A control counting heartbeats, calling `onHeartbeat` with each one's number. */
  const control = (signal = new AbortController().signal, onHeartbeat: (count: number) => void = () => {}) => {
    const heartbeats = { count: 0 };
    return { heartbeats, control: { heartbeat: () => onHeartbeat(++heartbeats.count), signal } };
  };
  const importRow = async (importId: string) => (await database.db.select().from(feedImports).where(eq(feedImports.id, importId)))[0];

  it('imports the file over SFTP, heartbeating, and answers its summary', async () => {
    await useFile('small.csv');
    const { heartbeats, control: run } = control();
    const ref = newRef();
    const summary = await runner(ref, run);
    expect(summary).toMatchObject({ importId: ref.importId, rowsRead: 2, rowsOk: 1, rowsBad: 1 });
    expect(heartbeats.count).toBeGreaterThan(0);
    expect(await importRow(ref.importId)).toMatchObject({ status: 'succeeded', badRows: [{ line: 3, reason: 'Dealer Price "oops" is not a price' }] });
    const [helmet] = await database.db
      .select()
      .from(catalogItems)
      .where(and(eq(catalogItems.dealerId, dealerId), eq(catalogItems.distributorSku, '87-9934')));
    expect(helmet).toMatchObject({ costCents: 6100 });
    expect(started.at(-1)!.exitCode).toBe(0);
  });

  it('fails with the FeedError the import met, for the activity to tell retryable from not', async () => {
    await useFile('small.csv', 'not-the-password');
    const failure = await runner(newRef(), control().control).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(FeedError);
    expect(failure).toMatchObject({ kind: 'auth', retryable: false, message: `The SFTP server at 127.0.0.1:${sftp.port} refused the username or password` });
  });

  it('stops the import half-way when cancelled; the next attempt resumes after the last committed line', async () => {
    const cancel = new AbortController();
    // Cancelled once a batch is committed (the first heartbeat comes as the download opens).
    const { control: run } = control(cancel.signal, (count) => count === 2 && cancel.abort(new Error('cancelled by the test')));
    const ref = newRef();
    // Settled once the process has exited.
    const failure = await fromLargeFile(ref, run).catch((error: unknown) => error);
    expect(failure).toMatchObject({ message: 'The feed import was cancelled' });
    const stopped = (await importRow(ref.importId))!;
    expect(stopped.status).toBe('running');
    expect(stopped.committedLine).toBeGreaterThan(0);
    expect(stopped.committedLine).toBeLessThan(LARGE_ROWS + 1);

    const resumed = await fromLargeFile(ref, control().control);
    expect(resumed).toMatchObject({ rowsRead: LARGE_ROWS, rowsOk: LARGE_ROWS, rowsBad: 0 });
    const [prices] = await database.db.execute<{ count: number }>(
      sql`select count(*)::int as count from catalog_items where dealer_id = ${dealerId} and distributor_sku <> '87-9934'`,
    );
    expect(prices!.count).toBe(LARGE_ROWS);
  });

  it('stops when the worker that started it is gone, rather than run on beside the next attempt', async () => {
    // Once the import has begun, the worker's end of the channel closes, as when it dies.
    const { control: run } = control(undefined, (count) => count === 1 && started.at(-1)!.disconnect());
    const ref = newRef();
    const failure = await fromLargeFile(ref, run).catch((error: unknown) => error);
    expect(failure).toMatchObject({ message: expect.stringMatching(/^The feed import's process ended \(exit code \d+\) before the import did$/) });
    expect((await importRow(ref.importId))!.status).toBe('running');
  });

  it('runs no more imports at once than it has turns for; one waiting may be cancelled before its process starts', async () => {
    await useFile('small.csv');
    const children: ChildProcess[] = [];
    let overlapped = false;
    const oneAtATime = feedImportsInProcesses({
      databaseUrl: database.url,
      credentialKeys: testConfig.credentialKeys,
      concurrency: 1,
      onStart: (child) => {
        if (children.some((other) => other.exitCode === null && other.signalCode === null)) overlapped = true;
        children.push(child);
      },
    });
    const first = oneAtATime(newRef(), control().control);
    const cancel = new AbortController();
    const cancelled = oneAtATime(newRef(), control(cancel.signal).control).catch((error: unknown) => error);
    const second = oneAtATime(newRef(), control().control);
    cancel.abort(new Error('cancelled while waiting'));
    expect(await cancelled).toMatchObject({ message: 'cancelled while waiting' });
    expect(await Promise.all([first, second])).toMatchObject([{ rowsOk: 1 }, { rowsOk: 1 }]);
    expect(children).toHaveLength(2);
    expect(overlapped).toBe(false);
  });
});

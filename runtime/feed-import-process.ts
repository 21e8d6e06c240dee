import { fork, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { catalogFeedOpener } from '../activities/catalog-feed-source.js';
import { importFeed, type FeedImportControl, type FeedImportRef, type FeedImportRunner, type FeedImportSummary } from '../activities/catalog-feed.js';
import type { ActivityDeps } from '../activities/deps.js';
import type { Keyring } from '../config.js';
import { createDb, type Db } from '../db/client.js';
import { FeedError, type FeedErrorKind } from '../feeds/errors.js';
import { createCredentialsCipher } from '../security/credentials-cipher.js';

/*
 * Each feed import runs in a process of its own, forked by the worker's activity. A million-row file
 * is seconds of parsing on one core and a few hundred MB at its peak: in the worker it would hold the
 * event loop that every drop-ship's activities and heartbeats share, and its memory would stay with
 * the worker. Its own process holds only what an import needs (no Temporal worker: 40 MB less),
 * gives everything back when it exits, and if it dies, the worker does not. The process hears of the
 * import, and answers, over the IPC channel: the database URL and the credential keys are not in its
 * arguments, which any user of the machine may list. It stops when the activity is cancelled and
 * when the worker is gone (its channel closes), so a retried attempt never runs beside an orphan.
 */

/** What the worker tells an import's process. */
interface ImportOrder {
  ref: FeedImportRef;
  databaseUrl: string;
  /** The credential keys, each key in base64 (structured clone turns a Buffer into a Uint8Array). */
  credentialKeys: { activeKeyId: string; keys: Array<{ id: string; key: string }> };
}

/** What an import's process tells the worker. */
type ImportNews =
  | { kind: 'ready' }
  | { kind: 'heartbeat' }
  | { kind: 'succeeded'; summary: FeedImportSummary }
  | { kind: 'failed'; error: { message: string; feedErrorKind?: FeedErrorKind } };

export interface FeedImportProcessSettings {
  databaseUrl: string;
  /** To decrypt the feed's secret in the import's process. */
  credentialKeys: Keyring;
  /** The module the process runs (a bench runs its own, which reads the file from disk); this one's otherwise. */
  entry?: string;
  args?: string[];
  /** Called with each import's process as it starts (a bench samples its memory). */
  onStart?(child: ChildProcess): void;
  /** Imports running at once; more wait their turn. One per core unless set. */
  concurrency?: number;
}

const THIS_MODULE = fileURLToPath(import.meta.url);
/**
 * The project runs TypeScript through tsx, whatever flags the worker itself was started with. The heap
 * is held to 256 MB: an import keeps ~35 MB live on it at a million rows (its memories are typed
 * arrays, outside it), and left to size itself from the machine's memory V8 collects lazily. A
 * million-row next day peaked at 267-293 MB of RSS without the limit, 239-255 MB with it.
 */
const EXEC_ARGV = ['--import', import.meta.resolve('tsx'), '--max-old-space-size=256'];

/**
 * Runs each feed import in a process of its own (see above), `concurrency` at once; each settles once
 * its process has exited.
 */
export function feedImportsInProcesses(settings: FeedImportProcessSettings): FeedImportRunner {
  const { activeKeyId, keys } = settings.credentialKeys;
  const credentialKeys = { activeKeyId, keys: keys.map(({ id, key }) => ({ id, key: key.toString('base64') })) };
  const turns = new Turns(settings.concurrency ?? availableParallelism());
  const runInProcess = (ref: FeedImportRef, control: FeedImportControl) =>
    new Promise<FeedImportSummary>((resolve, reject) => {
      const child = fork(settings.entry ?? THIS_MODULE, settings.args ?? [], { execArgv: EXEC_ARGV, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      settings.onStart?.(child);
      let outcome: Extract<ImportNews, { kind: 'succeeded' | 'failed' }> | null = null;
      const stop = () => child.kill('SIGTERM');
      control.signal.addEventListener('abort', stop, { once: true });
      child.on('message', (news: ImportNews) => {
        // Told once its modules have loaded: a message sent before then would be lost.
        if (news.kind === 'ready') child.send({ ref, databaseUrl: settings.databaseUrl, credentialKeys } satisfies ImportOrder);
        else if (news.kind === 'heartbeat') control.heartbeat();
        else outcome = news;
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        control.signal.removeEventListener('abort', stop);
        if (outcome?.kind === 'succeeded') resolve(outcome.summary);
        else if (outcome?.kind === 'failed') reject(revived(outcome.error));
        else reject(new Error(`The feed import's process ended (${signal ?? `exit code ${code}`}) before the import did`));
      });
    });
  return async (ref, control) => {
    await turns.take(control);
    try {
      return await runInProcess(ref, control);
    } finally {
      turns.give();
    }
  };
}

/** Turns to run an import: one waiting for its turn heartbeats, so Temporal does not take it for dead. */
class Turns {
  private waiting: Array<() => void> = [];
  constructor(private free: number) {}

  async take({ heartbeat, signal }: FeedImportControl): Promise<void> {
    if (this.free > 0) {
      this.free--;
      return;
    }
    const beat = setInterval(heartbeat, WAITING_HEARTBEAT_MS);
    try {
      await new Promise<void>((resolve, reject) => {
        const turn = () => {
          signal.removeEventListener('abort', leave);
          resolve();
        };
        const leave = () => {
          this.waiting = this.waiting.filter((waiter) => waiter !== turn);
          reject(signal.reason);
        };
        if (signal.aborted) return leave();
        signal.addEventListener('abort', leave, { once: true });
        this.waiting.push(turn);
      });
    } finally {
      clearInterval(beat);
    }
  }

  /** Hands the turn to the longest waiting, if any. */
  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

/** Well within the import's two-minute heartbeat timeout (workflows/catalog-feed-import.ts). */
const WAITING_HEARTBEAT_MS = 30_000;

function revived(error: { message: string; feedErrorKind?: FeedErrorKind }): Error {
  return error.feedErrorKind ? new FeedError(error.feedErrorKind, error.message) : new Error(error.message);
}

/**
 * The import's process: waits for its order, runs the import with the feed opened by `openerFor`,
 * tells the worker how it ended, and exits.
 */
export function serveFeedImport(openerFor: (db: Db, credentialKeys: Keyring) => ActivityDeps['openCatalogFeed']): void {
  const tell = (news: ImportNews) => (process.connected ? new Promise<void>((resolve) => process.send!(news, () => resolve())) : Promise.resolve());
  process.once('message', async (order: ImportOrder) => {
    const credentialKeys = {
      activeKeyId: order.credentialKeys.activeKeyId,
      keys: order.credentialKeys.keys.map(({ id, key }) => ({ id, key: Buffer.from(key, 'base64') })),
    };
    const stopping = new AbortController();
    const stop = (why: string) => stopping.abort(new Error(why));
    process.once('SIGTERM', () => stop('The feed import was cancelled'));
    // Ctrl-C reaches the whole process group: the import stops as cleanly as when cancelled.
    process.once('SIGINT', () => stop('The feed import was stopped'));
    process.once('disconnect', () => stop('The worker that started the feed import is gone'));
    const database = createDb(order.databaseUrl, { max: IMPORT_POOL });
    const control: FeedImportControl = { heartbeat: () => void tell({ kind: 'heartbeat' }), signal: stopping.signal };
    try {
      const summary = await importFeed({ db: database.db, openCatalogFeed: openerFor(database.db, credentialKeys) }, order.ref, control);
      await tell({ kind: 'succeeded', summary });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await tell({ kind: 'failed', error: error instanceof FeedError ? { message, feedErrorKind: error.kind } : { message } });
    } finally {
      await database.close();
      if (process.connected) process.disconnect();
    }
  });
  void tell({ kind: 'ready' });
}

/** Connections of an import's pool: its two writes of a batch go side by side, plus the summary row. */
const IMPORT_POOL = 4;

if (process.argv[1] === THIS_MODULE) serveFeedImport((db, keys) => catalogFeedOpener(db, createCredentialsCipher(keys)));

import { ApplicationFailure, Context } from '@temporalio/activity';
import {
  beginFeedImport,
  commitFeedBatch,
  finishFeedImport,
  type FeedImport,
  type FeedImportKey,
  type FeedImportProgress,
} from '../db/repositories/feed-imports.js';
import { lastImport, rememberImport } from '../db/repositories/feed-fingerprints.js';
import { distributorPlugin } from '../distributors/registry.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import { FeedError } from '../feeds/errors.js';
import { FeedMemory } from '../feeds/fingerprint.js';
import { readFeedBatches } from '../feeds/reader.js';
import { StagedFeedRows } from '../db/repositories/feed-staging.js';
import type { ActivityDeps } from './deps.js';

export interface FeedImportRef {
  importId: string;
  dealerId: string;
  distributor: DistributorId;
}

/** What the workflow learns of an import: counts only; the bad rows themselves stay in Postgres. */
export interface FeedImportSummary {
  importId: string;
  rowsRead: number;
  rowsOk: number;
  /** Of the good rows, those unchanged since the dealer's last import: nothing to write. */
  rowsHeld: number;
  rowsBad: number;
  durationMs: number;
}

/**
 * Records per batch written: large enough that each batch's fixed cost (three transactions, three
 * COPYs) does not matter, small enough to redo after a crash. Two batches' text is held, a few MB each.
 */
const BATCH_SIZE = 20_000;
/** Records read at a time into the batch being filled: few enough that their row objects die young. */
const READ_SIZE = 1_000;
/** Bad rows kept with line and reason; beyond these only the count grows. A dealer fixes patterns, not 10,000 lines. */
const BAD_ROWS_KEPT = 100;

/** Tells the import's caller it is alive, and the import that it must stop. */
export interface FeedImportControl {
  heartbeat(): void;
  signal: AbortSignal;
}

/** Runs a feed import to its end: here (importFeed), or in a process of its own (runtime/feed-import-process.ts). */
export type FeedImportRunner = (ref: FeedImportRef, control: FeedImportControl) => Promise<FeedImportSummary>;

/**
 * Downloads the dealer's file, validates it row by row and upserts it into the catalog in batches,
 * the next batch being parsed while the last one is written. Rows unchanged since the dealer's last
 * import, and written by nothing else since, are told apart in memory and skipped (FeedMemory).
 * The import's progress is recorded as each batch is committed, so a retried attempt (after a crash
 * or a stalled download) resumes after the last committed line; an import that already finished
 * returns its summary. Safe to retry. A problem with the file as a whole throws a FeedError.
 */
export async function importFeed(
  { db, openCatalogFeed }: Pick<ActivityDeps, 'db' | 'openCatalogFeed'>,
  ref: FeedImportRef,
  { heartbeat, signal }: FeedImportControl,
): Promise<FeedImportSummary> {
  const started = await beginFeedImport(db, keyOf(ref));
  if (started.status === 'succeeded') return summaryOf(started);
  const mapping = distributorPlugin(ref.distributor).feedMapping;
  if (!mapping) throw new FeedError('not_configured', `Dropline does not know the layout of ${DISTRIBUTOR_NAMES[ref.distributor]}'s feed file yet`);

  // Kept to the end: what the memory is written over, so that only what changed is written.
  const last = await lastImport(db, ref.dealerId, ref.distributor);
  const memory = new FeedMemory(last.own, last.shared);
  const download = await openCatalogFeed(ref.dealerId, ref.distributor);
  // A cancelled or timed-out attempt lets go of the server at once, and its reading stops.
  const stop = () => void download.close();
  signal.addEventListener('abort', stop);
  heartbeat();
  const progress: FeedImportProgress = {
    rowsRead: started.rowsRead,
    rowsOk: started.rowsOk,
    rowsHeld: started.rowsHeld,
    rowsBad: started.rowsBad,
    badRows: started.badRows,
    committedLine: started.committedLine,
  };
  let writing: Promise<void> = Promise.resolve();
  // One batch is filled while the other is written; each is cleared for reuse once written.
  let filling: StagedFeedRows | null = null;
  let spare: StagedFeedRows | null = null;
  let recordsFilled = 0;
  const writeFilled = async () => {
    await writing;
    const batch = filling!;
    const feed = { importId: ref.importId, dealerId: ref.dealerId, distributor: ref.distributor, startedAt: started.startedAt };
    writing = commitFeedBatch(db, feed, batch, { ...progress }).then(() => {
      batch.learnt((remembered, slot) => memory.place(remembered, slot));
      batch.clear();
      heartbeat();
    });
    // Awaited before the next batch; until then, a failure must not count as unhandled.
    writing.catch(() => {});
    [filling, spare] = [spare ?? new StagedFeedRows(batch.warehouses), batch];
    recordsFilled = 0;
  };
  try {
    for await (const read of readFeedBatches(download.stream, mapping, { batchSize: READ_SIZE, afterLine: started.committedLine, memory })) {
      signal.throwIfAborted();
      filling ??= new StagedFeedRows(read.warehouses);
      filling.add(read.rows, read.parts, read.slots, read.remembered);
      progress.rowsRead += read.read;
      progress.rowsOk += read.rows.length + read.held;
      progress.rowsHeld += read.held;
      progress.rowsBad += read.badRows.length;
      if (read.badRows.length > 0) progress.badRows = [...progress.badRows, ...read.badRows].slice(0, BAD_ROWS_KEPT);
      progress.committedLine = read.throughLine;
      recordsFilled += read.read;
      // Copied into the batch's text: let the rows go before waiting on the database below, where
      // they would outlive V8's young generation and pile up, a batch at a time, as old garbage.
      read.rows.length = 0;
      if (recordsFilled >= BATCH_SIZE) await writeFilled();
    }
    // A download closed by the stop may end like a whole file: the stop decides.
    signal.throwIfAborted();
    if (recordsFilled > 0) await writeFilled();
    await writing;
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
    // A failed attempt ends only once its last write has, so the next attempt starts from settled progress.
    await Promise.all([download.close(), writing.catch(() => {})]);
  }
  await rememberImport(db, keyOf(ref), memory.heldRows(), last);
  return summaryOf(await finishFeedImport(db, keyOf(ref), { status: 'succeeded' }));
}

/**
 * The daily price/inventory import. The worker runs each import in a process of its own
 * (`runFeedImport`); tests run it here, on the files `openCatalogFeed` opens.
 */
export function catalogFeedActivities({ db, openCatalogFeed, runFeedImport }: Pick<ActivityDeps, 'db' | 'openCatalogFeed' | 'runFeedImport'>) {
  const run: FeedImportRunner = runFeedImport ?? ((ref, control) => importFeed({ db, openCatalogFeed }, ref, control));
  return {
    /** Imports the dealer's file (importFeed); a FeedError fails the attempt, retryable only if the server was unreachable. */
    async importCatalogFeed(ref: FeedImportRef): Promise<FeedImportSummary> {
      const context = Context.current();
      return run(ref, { heartbeat: () => context.heartbeat(), signal: context.cancellationSignal }).catch((error: unknown) => {
        if (context.cancellationSignal.aborted) throw context.cancellationSignal.reason;
        throw toFailure(error);
      });
    },

    /** Closes the summary row of an import that ran out of attempts, with the reason for the dealer. Idempotent. */
    async recordFeedImportFailure(input: FeedImportRef & { error: string }): Promise<void> {
      await finishFeedImport(db, keyOf(input), { status: 'failed', error: input.error });
    },
  };
}

function keyOf(ref: FeedImportRef): FeedImportKey {
  return { id: ref.importId, dealerId: ref.dealerId, distributor: ref.distributor };
}

function summaryOf(row: FeedImport): FeedImportSummary {
  return { importId: row.id, rowsRead: row.rowsRead, rowsOk: row.rowsOk, rowsHeld: row.rowsHeld, rowsBad: row.rowsBad, durationMs: row.durationMs ?? 0 };
}

/** A feed problem carries its message for the dealer; only an unreachable server is worth another attempt. */
function toFailure(error: unknown): unknown {
  if (!(error instanceof FeedError)) return error;
  return ApplicationFailure.create({ type: `Feed:${error.kind}`, message: error.message, nonRetryable: !error.retryable });
}

import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FeedImportSummary } from '../activities/catalog-feed.js';
import { feedImportsInProcesses, serveFeedImport } from '../runtime/feed-import-process.js';
import { sampleRss } from './tracking-measure.js';

/**
 * One feed import in a process of its own, as the worker runs it (runtime/feed-import-process.ts),
 * for `npm run bench:feed`: this module is that process, reading the file from disk instead of the
 * dealer's SFTP server. Its peak RSS is the import's, not the bench's own files, statistics and COPY
 * streams, and no import inherits the heap an earlier one grew.
 */

export interface ImportRun {
  result: FeedImportSummary;
  /** The import's own time, as its summary row has it (the process's start not counted). */
  seconds: number;
  /** From starting the process to its exit. */
  wallSeconds: number;
  /** The process's highest RSS, sampled every 20 ms. */
  peakRss: number;
  /** Its RSS when the import first reported, the file open and not a row read: what its modules hold. */
  modulesRss: number;
}

/** Bytes per MiB, as sampleRss reports. */
const MIB = 1_048_576;

/** Runs the real import in a process of its own on the file, as `dealerId` importing WPS's feed. */
export async function importInChild(url: string, dealerId: string, file: string): Promise<ImportRun> {
  const sampling: { rss?: ReturnType<typeof sampleRss> } = {};
  let modulesRss = 0;
  const runner = feedImportsInProcesses({
    databaseUrl: url,
    // The file is read from disk: no feed secret to decrypt.
    credentialKeys: { activeKeyId: 'bench', keys: [] },
    entry: fileURLToPath(import.meta.url),
    args: [file],
    onStart: (child) => void (sampling.rss = sampleRss({ import: child.pid! }, 20)),
  });
  const started = performance.now();
  try {
    const result = await runner(
      { importId: randomUUID(), dealerId, distributor: 'wps' },
      { heartbeat: () => void (modulesRss ||= (sampling.rss?.last.import ?? 0) * MIB), signal: new AbortController().signal },
    );
    if (result.rowsBad > 0) throw new Error(`the import refused ${result.rowsBad} generated rows`);
    const peakRss = (sampling.rss?.peak.import ?? 0) * MIB;
    return { result, seconds: result.durationMs / 1000, wallSeconds: (performance.now() - started) / 1000, peakRss, modulesRss };
  } finally {
    await sampling.rss?.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [file] = process.argv.slice(2) as [string];
  serveFeedImport(() => async () => {
    // In 64 KB chunks (the default), as the SFTP, FTP and HTTPS transports deliver a file.
    const stream = createReadStream(file);
    return { stream, close: async () => void stream.destroy() };
  });
}

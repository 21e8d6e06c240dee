import { DefaultLogger } from '@temporalio/worker';
import { MockActivityEnvironment } from '@temporalio/testing';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { catalogFeedActivities, type FeedImportSummary } from '../activities/catalog-feed.js';
import { createDb } from '../db/client.js';
import { measure, peakRssOfRun, type Measured } from './feed-measure.js';

/**
 * One feed import in a process of its own, as the worker runs it, for `npm run bench:feed`: its peak
 * RSS is then the import's (on top of what the worker's modules hold), not the bench's own files,
 * statistics and COPY streams, and no import inherits the heap an earlier one grew.
 */

/** Connections of the import's pool: its three writes of a batch go side by side, plus the summary row. */
const IMPORT_POOL = 4;

/** Runs the real activity in a child process on the file, as `dealerId` importing WPS's feed. */
export interface ImportRun extends Measured<FeedImportSummary> {
  /** The child's RSS once its modules had loaded, before it read a row. */
  modulesRss: number;
}

export async function importInChild(url: string, dealerId: string, file: string): Promise<ImportRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), url, dealerId, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the import of ${file} for ${dealerId} exited with ${code}: ${output}`);
  const run = JSON.parse(output.trim().split('\n').at(-1)!) as ImportRun;
  if (run.result.rowsBad > 0) throw new Error(`the import refused ${run.result.rowsBad} generated rows`);
  return run;
}

/** The real activity, reading the file from disk instead of the dealer's SFTP server. */
async function importFile(url: string, dealerId: string, file: string): Promise<ImportRun> {
  const database = createDb(url, { max: IMPORT_POOL });
  try {
    const activities = catalogFeedActivities({
      db: database.db,
      openCatalogFeed: async () => {
        // In 64 KB chunks (the default), as the SFTP, FTP and HTTPS transports deliver a file.
        const stream = createReadStream(file);
        return { stream, close: async () => void stream.destroy() };
      },
    });
    const environment = new MockActivityEnvironment({}, { logger: new DefaultLogger('WARN') });
    const run = await measure((): Promise<FeedImportSummary> =>
      environment.run(activities.importCatalogFeed, { importId: randomUUID(), dealerId, distributor: 'wps' as const }),
    );
    return { ...run, modulesRss: peakRssOfRun().atStart };
  } finally {
    // Closed before the parent reads its statistics: the backends report their writes as they exit.
    await database.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [url, dealerId, file] = process.argv.slice(2) as [string, string, string];
  process.stdout.write(`${JSON.stringify(await importFile(url, dealerId, file))}\n`);
}

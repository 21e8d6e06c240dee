import { mkdir, writeFile } from 'node:fs/promises';
import type { Client } from '@temporalio/client';

export const HISTORIES_DIR = new URL('../fixtures/histories/', import.meta.url);

/**
 * With RECORD_HISTORIES=1, saves a finished workflow's history as a replay fixture. Recorded
 * histories are committed, and test/workflows/replay.test.ts replays them against the current code so
 * a change that would break running workflows fails CI.
 */
export async function recordHistory(client: Client, workflowId: string, name: string): Promise<void> {
  if (!process.env.RECORD_HISTORIES) return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  await mkdir(HISTORIES_DIR, { recursive: true });
  await writeFile(new URL(`${name}.json`, HISTORIES_DIR), `${JSON.stringify(history, null, 1)}\n`);
}

import proto from '@temporalio/proto';
import { bundleWorkflowCode, DefaultLogger, Worker } from '@temporalio/worker';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dataConverter } from '../../temporal/data-converter.js';
import { testConfig } from '../helpers/config.js';
import { HISTORIES_DIR } from '../helpers/histories.js';
import { workflowBundle } from '../helpers/temporal.js';

// Decoded with @temporalio/proto's own types (the SDK's JSON helper trips over a second protobufjs copy).
const { History } = proto.temporal.api.history.v1;

async function fixtures() {
  const names = (await readdir(HISTORIES_DIR)).filter((name) => name.endsWith('.json')).sort();
  return Promise.all(
    names.map(async (name) => ({
      workflowId: name.replace('.json', ''),
      history: History.fromObject(JSON.parse(await readFile(new URL(name, HISTORIES_DIR), 'utf8'))),
    })),
  );
}

async function replay(workflowBundleCode: Awaited<ReturnType<typeof workflowBundle>>, only: (workflowId: string) => boolean = () => true) {
  const results = [];
  for await (const result of Worker.runReplayHistories(
    { workflowBundle: workflowBundleCode, dataConverter: dataConverter(testConfig.payloadKeys) },
    (await fixtures()).filter((fixture) => only(fixture.workflowId)),
  )) {
    results.push({ workflowId: result.workflowId, error: result.error?.message ?? null });
  }
  return results;
}

/**
 * Recorded histories of every workflow path (RECORD_HISTORIES=1 npm test re-records them) replayed
 * against the current code: a change that would break a running drop-ship or PO fails here.
 */
describe('replay of recorded workflow histories', () => {
  it('replays every committed history without a determinism error', async () => {
    const results = await replay(await workflowBundle());
    expect(results.length).toBeGreaterThanOrEqual(6);
    expect(results.filter((r) => r.error)).toEqual([]);
  });

  it('fails when the workflow code changes what it does without patching', async () => {
    const changed = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('../fixtures/nondeterministic-workflows.ts', import.meta.url)),
      logger: new DefaultLogger('WARN'),
    });
    // Only the drop-ship histories: the changed bundle has no other workflows to replay them with.
    const dropshipResults = await replay(changed, (workflowId) => workflowId.startsWith('dropship'));
    expect(dropshipResults.length).toBeGreaterThan(0);
    for (const result of dropshipResults) expect(result.error).toMatch(/[Nn]ondetermin/);
  });
});

import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker, type WorkflowBundle } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Activities } from '../../activities/index.js';
import { dataConverter } from '../../temporal/data-converter.js';
import { WORKFLOWS_PATH } from '../../temporal/workflows-path.js';
import { testConfig } from './config.js';

let runtimeInstalled = false;
let bundle: Promise<WorkflowBundle> | null = null;

function quietRuntime() {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

/** The workflow code, bundled once per test file. */
export function workflowBundle(): Promise<WorkflowBundle> {
  quietRuntime();
  bundle ??= bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: new DefaultLogger('WARN') });
  return bundle;
}

export async function temporalClient() {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const client = new Client({ connection, dataConverter: dataConverter(testConfig.payloadKeys) });
  return { client, close: () => connection.close() };
}

/** Runs a worker with the given activities on its own task queue until `stop()`. */
export async function startWorker(activities: Activities, taskQueue = `test-${randomUUID()}`) {
  quietRuntime();
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities,
    dataConverter: dataConverter(testConfig.payloadKeys),
  });
  const running = worker.run();
  return {
    taskQueue,
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

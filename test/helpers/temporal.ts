import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, type WorkflowBundle } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import type { Activities } from '../../activities/index.js';
import type { DistributorId } from '../../domain/distributors.js';
import { dataConverter, FAILURE_CONVERTER_PATH } from '../../temporal/data-converter.js';
import { createWorkerSet } from '../../temporal/workers.js';
import { WORKFLOWS_PATH } from '../../temporal/workflows-path.js';
import { testConfig } from './config.js';

let runtimeInstalled = false;
const bundles = new Map<string, Promise<WorkflowBundle>>();

function quietRuntime() {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

/** The workflow code, bundled once per test file (and entry module). */
export function workflowBundle(workflowsPath = WORKFLOWS_PATH): Promise<WorkflowBundle> {
  quietRuntime();
  let bundle = bundles.get(workflowsPath);
  if (!bundle) {
    // The workflow code encodes its own failures too, so the bundle needs the failure converter.
    bundle = bundleWorkflowCode({ workflowsPath, failureConverterPath: FAILURE_CONVERTER_PATH, logger: new DefaultLogger('WARN') });
    bundles.set(workflowsPath, bundle);
  }
  return bundle;
}

export async function temporalClient() {
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  const client = new Client({ connection, dataConverter: dataConverter(testConfig.payloadKeys) });
  return { client, close: () => connection.close() };
}

/** Runs the workers with the given activities on their own task queues until `stop()`. */
export async function startWorker(
  activities: Activities,
  taskQueue = `test-${randomUUID()}`,
  distributorRates: Partial<Record<DistributorId, number>> = testConfig.distributorRates,
  workflowsPath?: string,
) {
  quietRuntime();
  const connection = await NativeConnection.connect({ address: inject('temporalAddress') });
  const workers = await createWorkerSet({
    connection,
    taskQueue,
    workflows: { workflowBundle: await workflowBundle(workflowsPath) },
    activities,
    dataConverter: dataConverter(testConfig.payloadKeys),
    distributorRates,
  });
  const running = workers.run();
  return {
    taskQueue,
    async stop() {
      workers.shutdown();
      await running;
      await connection.close();
    },
  };
}

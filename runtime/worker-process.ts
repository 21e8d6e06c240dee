import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { createActivities } from '../activities/index.js';
import type { Keyring } from '../config.js';
import { temporalConnectionOptions, type TemporalConnectionSettings } from '../temporal/connection.js';
import { dataConverter } from '../temporal/data-converter.js';
import type { TrackingSettings } from '../temporal/dropship-start.js';
import { createWorkerSet, type WorkerSet, type WorkerSetOptions } from '../temporal/workers.js';
import { activityDeps, type ActivityWiring } from './activity-deps.js';

export interface WorkerProcessOptions extends Pick<
  WorkerSetOptions,
  'namespace' | 'taskQueue' | 'workflows' | 'distributorRates' | 'shutdownGraceTime' | 'maxCachedWorkflows'
> {
  address: string;
  /** TLS and an API key for a cluster that wants them (worker.ts passes config.temporal.connection). */
  apiKey?: TemporalConnectionSettings['apiKey'];
  tls?: TemporalConnectionSettings['tls'];
  payloadKeys: Keyring;
  /** Handed to the drop-ships order intake starts for auto-processing dealers. */
  tracking: TrackingSettings;
  wiring: Omit<ActivityWiring, 'starter'>;
  /** Runs on the client connection before the workers are created (worker.ts registers the search attributes). */
  prepare?(connection: Connection): Promise<void>;
  /** `ip:port` where the Temporal SDK's Prometheus exporter serves /metrics; left out, none. */
  metricsAddress?: string | undefined;
}

/**
 * A worker process's workers with the real activities (worker.ts, and the tests' worker process):
 * a client connection for the drop-ships order intake starts, a worker connection, and the worker
 * set. `run()` resolves once the workers have stopped (SIGINT/SIGTERM), with both connections closed.
 */
export async function startWorkerProcess(options: WorkerProcessOptions): Promise<WorkerSet> {
  const namespace = options.namespace ?? 'default';
  // Temporal's runtime exists once per process and is created by the first connection: the exporter is
  // installed before it. Everything else keeps the runtime's defaults (SIGINT/SIGTERM shut the workers down).
  if (options.metricsAddress) Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: options.metricsAddress } } } });
  const connectionOptions = await temporalConnectionOptions({ address: options.address, apiKey: options.apiKey, tls: options.tls ?? null });
  const clientConnection = await Connection.connect(connectionOptions);
  const connection = await NativeConnection.connect(connectionOptions).catch(async (error: unknown) => {
    await clientConnection.close();
    throw error;
  });
  const close = async () => {
    await connection.close();
    await clientConnection.close();
  };
  try {
    await options.prepare?.(clientConnection);
    const client = new Client({ connection: clientConnection, namespace, dataConverter: dataConverter(options.payloadKeys) });
    const starter = { client, taskQueue: options.taskQueue, tracking: options.tracking };
    const workers = await createWorkerSet({
      connection,
      namespace,
      taskQueue: options.taskQueue,
      workflows: options.workflows,
      activities: createActivities(activityDeps({ ...options.wiring, starter })),
      dataConverter: dataConverter(options.payloadKeys),
      distributorRates: options.distributorRates,
      shutdownGraceTime: options.shutdownGraceTime,
      maxCachedWorkflows: options.maxCachedWorkflows,
    });
    return {
      shutdown: workers.shutdown,
      async run() {
        try {
          await workers.run();
        } finally {
          await close();
        }
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

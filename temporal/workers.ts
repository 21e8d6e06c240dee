import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection, type WorkerOptions } from '@temporalio/worker';
import { EMPTY, type Observable } from 'rxjs';
import { distributorPlugin } from '../distributors/registry.js';
import { DISTRIBUTORS, type DistributorId } from '../domain/distributors.js';
import { distributorTaskQueue } from '../workflows/task-queues.js';

export interface WorkerSetOptions {
  connection: NativeConnection;
  namespace?: string | undefined;
  taskQueue: string;
  workflows: Pick<WorkerOptions, 'workflowsPath' | 'workflowBundle'>;
  activities: NonNullable<WorkerOptions['activities']>;
  dataConverter: DataConverter;
  /** Distributor activity starts per second, enforced by the server across every worker; a distributor left out gets its plug-in's default. */
  distributorRates: Partial<Record<DistributorId, number>>;
  shutdownGraceTime?: WorkerOptions['shutdownGraceTime'];
  /** Left out, the SDK's default. */
  maxCachedWorkflows?: number | undefined;
}

export interface WorkerSet {
  /** Resolves when every worker has stopped; if one fails, the others are shut down too. */
  run(): Promise<void>;
  shutdown(): void;
}

/**
 * A Worker that runs activities only. The SDK has no option that says so: a Worker without a
 * workflow bundle skips its workflow poller and warns "No workflows registered", a warning meant for
 * a bundle left out by mistake (Worker.workflow$ in @temporalio/worker 1.24). This one skips the
 * poller the same way, since leaving the workflows out is its purpose.
 */
class ActivityWorker extends Worker {
  protected override workflow$(): Observable<void> {
    this.workflowPollerStateSubject.next('SHUTDOWN');
    return EMPTY;
  }
}

/**
 * The main worker (workflows, database and notification activities) plus one activity worker per
 * distributor on that distributor's rate-limited task queue (every distributor registered when it is called).
 */
export async function createWorkerSet(options: WorkerSetOptions): Promise<WorkerSet> {
  const common = {
    connection: options.connection,
    namespace: options.namespace ?? 'default',
    activities: options.activities,
    dataConverter: options.dataConverter,
    ...(options.shutdownGraceTime === undefined ? {} : { shutdownGraceTime: options.shutdownGraceTime }),
  };
  const workers = [
    await Worker.create({
      ...common,
      ...options.workflows,
      taskQueue: options.taskQueue,
      ...(options.maxCachedWorkflows === undefined ? {} : { maxCachedWorkflows: options.maxCachedWorkflows }),
    }),
    ...(await Promise.all(
      DISTRIBUTORS.map((distributor) =>
        ActivityWorker.create({
          ...common,
          taskQueue: distributorTaskQueue(options.taskQueue, distributor),
          maxTaskQueueActivitiesPerSecond: options.distributorRates[distributor] ?? distributorPlugin(distributor).defaultRatePerSecond,
        }),
      ),
    )),
  ];
  const shutdown = () => {
    for (const worker of workers) if (worker.getState() === 'RUNNING') worker.shutdown();
  };
  return {
    shutdown,
    async run() {
      const runs = workers.map((worker) => worker.run());
      try {
        await Promise.all(runs);
      } catch (error) {
        shutdown();
        await Promise.allSettled(runs);
        throw error;
      }
    },
  };
}

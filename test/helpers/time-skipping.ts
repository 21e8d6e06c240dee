import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createActivities, type ActivityDeps, type Activities } from '../../activities/index.js';
import { ApplicationFailure } from '@temporalio/common';
import { ensureTemporalTestServer } from '../../runtime/temporal-test-server.js';
import proto from '@temporalio/proto';
import { createWorkerSet } from '../../temporal/workers.js';
import { WORKFLOWS_PATH } from '../../temporal/workflows-path.js';
import { SEARCH_ATTRIBUTES } from '../../workflows/search-attributes.js';
import { testConfig } from './config.js';

/**
 * A time-skipping Temporal test server of its own, for workflow logic that waits days (confirmation
 * windows, give-up horizons) with the activities replaced by plain functions: the server jumps to the
 * next timer whenever the workflow waits, so weeks pass in seconds.
 */
export async function startTimeSkipping() {
  // Every failed attempt of a stand-in is a warning; hundreds of them would hide what matters.
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const executable = await ensureTemporalTestServer();
  const create = () => TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: executable } } });
  // sdk-core allows the server 5 s to start; a JVM on a loaded machine may need a second chance.
  const env = await create().catch(create);
  // The test server cannot list search attributes, so ensureSearchAttributes() does not apply; adding them does.
  const keyword = proto.temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;
  await env.connection.operatorService.addSearchAttributes({
    namespace: 'default',
    searchAttributes: Object.fromEntries(Object.values(SEARCH_ATTRIBUTES).map((key) => [key.name, keyword])),
  });
  return {
    env,
    /** Runs `body` with a worker set serving `activities`; the workflow's result arrives with time skipped. */
    async withWorker<T>(activities: Partial<Activities>, body: (taskQueue: string) => Promise<T>): Promise<T> {
      const taskQueue = `unit-${randomUUID()}`;
      const workers = await createWorkerSet({
        connection: env.nativeConnection,
        taskQueue,
        workflows: { workflowsPath: WORKFLOWS_PATH },
        activities: { ...unexpected, ...activities },
        dataConverter: {},
        distributorRates: testConfig.distributorRates,
      });
      const running = workers.run();
      try {
        return await body(taskQueue);
      } finally {
        workers.shutdown();
        await running;
      }
    },
    stop: () => env.teardown(),
  };
}

/** Every activity a test does not stand in for fails the workflow at once, naming itself, instead of leaving it stuck. */
const unexpected = Object.fromEntries(
  Object.keys(createActivities({} as ActivityDeps)).map((name) => [
    name,
    () => {
      throw ApplicationFailure.nonRetryable(`The test has no stand-in for the ${name} activity`, 'UnexpectedActivity');
    },
  ]),
);

/** Activity stand-ins that remember each call in order, with the workflow clock's time when it was made. */
export function callLog(env: TestWorkflowEnvironment) {
  const calls: Array<{ name: string; input: any; atMs: number }> = [];
  const started = env.currentTimeMs();
  return {
    calls,
    named: (name: string) => calls.filter((c) => c.name === name),
    /** Wraps `impl` so its calls are logged; the time is days since the log was made. */
    record<A extends any[], R>(name: string, impl: (...args: A) => R | Promise<R>) {
      return async (...args: A): Promise<R> => {
        calls.push({ name, input: args[0], atMs: (await env.currentTimeMs()) - (await started) });
        return impl(...args);
      };
    },
  };
}

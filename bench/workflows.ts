import * as wf from '@temporalio/workflow';

export * from '../workflows/index.js';

type Noop = { benchNoop(step: number): Promise<void> };
const remote = wf.proxyActivities<Noop>({ startToCloseTimeout: '30 seconds' });
const local = wf.proxyLocalActivities<Noop>({ startToCloseTimeout: '30 seconds' });

/** The baseline: a bare workflow making as many activity calls of each kind as one drop-ship, one after another. */
export async function baseline(calls: { remote: number; local: number }): Promise<void> {
  for (let step = 0; step < calls.local; step++) await local.benchNoop(step);
  for (let step = 0; step < calls.remote; step++) await remote.benchNoop(step);
}

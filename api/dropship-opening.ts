import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { markDropshipInterrupted, openDropship, type DropshipStart } from '../db/repositories/dropships.js';
import type { Actor } from '../domain/actor.js';
import { startDropshipWorkflow } from '../temporal/dropship-start.js';
import { planReadyUpdate, type DropshipWorkflow } from '../workflows/contracts/dropship.js';
import type { ApiDeps } from './deps.js';

/**
 * Opening an order's drop-ship and waiting for its routed plan, shared by the one-order start and the
 * bulk drop-ship so both go through the same workflow start.
 */
export function dropshipOpening(deps: ApiDeps) {
  const { db, temporal } = deps;
  const starter = { client: temporal, taskQueue: deps.taskQueue, tracking: deps.tracking };
  const answerWithin = <T>(call: () => Promise<T>) => temporal.withAbortSignal(AbortSignal.timeout(deps.workflowAnswerTimeoutMs), call);

  /**
   * Opens the order's drop-ship and starts its workflow. A drop-ship whose run is already over while
   * Postgres still has it unfinished (a run that failed or was terminated) is marked interrupted and
   * a new one is opened, so the dealer can always start again.
   */
  const openAndStart = async (dealer: DropshipStart['dealer'], order: DropshipStart['order'], mode: 'auto' | 'manual', actor: Actor) => {
    for (let tries = 0; ; tries += 1) {
      const opened = await openDropship(db, dealer.id, order.id, mode);
      try {
        return { ...opened, handle: await startDropshipWorkflow(starter, { dealer, order, dropship: opened.dropship }, actor) };
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError) || tries > 0) throw error;
        const run = await temporal.workflow.getHandle(opened.dropship.workflowId).describe();
        await markDropshipInterrupted(db, opened.dropship, run.status.name);
      }
    }
  };

  /** The drop-ship's state once its plan is routed; a drop-ship with nothing it can order ends at once, before its first Update lands. */
  const planned = (handle: ReturnType<typeof temporal.workflow.getHandle<DropshipWorkflow>>) =>
    answerWithin(() =>
      handle.executeUpdate(planReadyUpdate).catch((error: unknown) => {
        if (error instanceof WorkflowNotFoundError) return handle.result();
        throw error;
      }),
    );

  return { openAndStart, planned, answerWithin };
}

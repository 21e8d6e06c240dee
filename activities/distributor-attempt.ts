import { Context } from '@temporalio/activity';
import { ATTEMPT_MARGIN_MS, DISTRIBUTOR_CALL_TIMEOUT_MS } from '../domain/distributor-calls.js';
import type { CallLimits } from '../distributors/types.js';
import { withHeartbeat } from './heartbeat.js';

/** How long one distributor call may take, and how early before start-to-close an attempt stops calling. */
export interface DistributorCallBudget {
  callTimeoutMs: number;
  attemptMarginMs: number;
}

export const DEFAULT_CALL_BUDGET: DistributorCallBudget = {
  callTimeoutMs: DISTRIBUTOR_CALL_TIMEOUT_MS,
  attemptMarginMs: ATTEMPT_MARGIN_MS,
};

/** Grace after a call's own timeout before its silence counts as stuck (the abort itself takes a moment). */
const STALL_GRACE_MS = 2_000;

/**
 * The limits every distributor call of this activity attempt runs under: the activity's cancellation,
 * and a deadline that ends the attempt's calls before its start-to-close, so the next attempt never
 * meets one of them still running. The start-to-close is counted from now, as the attempt began here
 * a moment after the server started it; the margin covers that moment. A short attempt (the server
 * caps start-to-close at what is left of schedule-to-close) keeps at least three quarters of its time,
 * and no call may take more than half of that, so every attempt can make at least one call.
 */
export function attemptLimits(budget: DistributorCallBudget): CallLimits {
  const context = Context.current();
  const startToCloseMs = context.info.startToCloseTimeoutMs;
  const usableMs = Math.floor(startToCloseMs - Math.min(budget.attemptMarginMs, startToCloseMs / 4));
  return {
    signal: context.cancellationSignal,
    deadline: Date.now() + usableMs,
    callTimeoutMs: Math.min(budget.callTimeoutMs, Math.floor(usableMs / 2)),
  };
}

/**
 * Runs one attempt of an activity that calls a distributor: calls under `attemptLimits`, heartbeats
 * while calls get answered, none once a call is stuck past its own timeout. A cancelled attempt ends
 * as cancelled, whatever the interrupted call made of it.
 *
 * The worker also cancels an attempt locally once its start-to-close or heartbeat timeout has passed
 * (sdk-core's local activity timers, after a small buffer), which aborts the call through the signal;
 * the deadline keeps attempts apart without relying on that.
 */
export function distributorAttempt<T>(budget: DistributorCallBudget, work: (limits: CallLimits) => Promise<T>): Promise<T> {
  const context = Context.current();
  const limits = attemptLimits(budget);
  return withHeartbeat(
    async (progress) => {
      try {
        return await work({ ...limits, onAnswer: progress });
      } catch (error) {
        if (context.cancellationSignal.aborted) throw context.cancellationSignal.reason;
        throw error;
      }
    },
    { stallAfterMs: budget.callTimeoutMs + STALL_GRACE_MS },
  );
}

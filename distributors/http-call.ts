import { describeNetworkError } from '../http/response.js';
import { DistributorError, type CallLimits } from './types.js';

export interface DistributorCall {
  /** The distributor's name as a dealer knows it, e.g. "WPS". */
  name: string;
  /** Completes "… to <action>" in messages, e.g. "submit PO X". */
  action: string;
  /** This call's own timeout. */
  timeoutMs: number;
}

/**
 * Makes one HTTP call to a distributor within its timeout and the caller's limits, and reads the body.
 * Every way of getting no answer is `transient`: the next attempt looks the PO up before doing more.
 * A call that could not finish before the deadline is not started, so an attempt never overlaps the
 * next one with a request of its own. The clients take the limits as a required argument (possibly
 * undefined), so no call of a connector method can leave them out.
 */
export async function callDistributor(
  call: DistributorCall,
  limits: CallLimits = {},
  send: (signal: AbortSignal) => Promise<Response>,
): Promise<{ response: Response; text: string }> {
  const { name, action } = call;
  // AbortSignal.timeout takes whole milliseconds only.
  const timeoutMs = Math.round(Math.min(call.timeoutMs, limits.callTimeoutMs ?? Infinity));
  if (limits.signal?.aborted) {
    throw new DistributorError('transient', `Stopped before asking ${name} to ${action}: ${reasonOf(limits.signal)}`);
  }
  const timeLeft = limits.deadline === undefined ? Infinity : limits.deadline - Date.now();
  if (timeLeft < timeoutMs) {
    throw new DistributorError(
      'transient',
      `Stopped before asking ${name} to ${action}: this attempt has ${Math.max(0, Math.round(timeLeft))} ms left, ` +
        `less than the ${timeoutMs} ms the call may take; the next attempt carries on`,
    );
  }
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = limits.signal ? AbortSignal.any([limits.signal, timeout]) : timeout;
  try {
    const response = await send(signal);
    const text = await response.text();
    limits.onAnswer?.();
    return { response, text };
  } catch (error) {
    if (limits.signal?.aborted) {
      throw new DistributorError('transient', `Stopped waiting for ${name} to ${action}: ${reasonOf(limits.signal)}`);
    }
    if (timeout.aborted) {
      throw new DistributorError('transient', `${name} did not answer within ${timeoutMs} ms when asked to ${action}`);
    }
    throw new DistributorError('transient', `Could not reach ${name} to ${action}: ${describeNetworkError(error)}`);
  }
}

function reasonOf(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason.message;
  return typeof reason === 'string' ? reason : 'the caller cancelled';
}

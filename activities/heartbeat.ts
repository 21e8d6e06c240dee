import { Context } from '@temporalio/activity';

/**
 * Heartbeats while `work` runs, so a crashed worker's attempt is noticed within the heartbeat
 * timeout instead of the (longer) start-to-close timeout, and the retry starts sooner.
 */
export async function withHeartbeat<T>(work: () => Promise<T>, everyMs = 2000): Promise<T> {
  const context = Context.current();
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

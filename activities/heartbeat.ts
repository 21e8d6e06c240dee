import { Context } from '@temporalio/activity';

export interface HeartbeatOptions {
  everyMs?: number;
  /**
   * Heartbeats stop once the work has reported no progress for this long, so a hung call lets the
   * heartbeat timeout fire instead of keeping a dead attempt alive until start-to-close.
   */
  stallAfterMs?: number;
}

/**
 * Heartbeats while `work` makes progress, so a crashed worker's attempt is noticed within the
 * heartbeat timeout instead of the (longer) start-to-close timeout, and the retry starts sooner.
 * Heartbeats also carry cancellation to the activity. `work` calls `progress()` after each step.
 */
export async function withHeartbeat<T>(
  work: (progress: () => void) => Promise<T>,
  { everyMs = 2000, stallAfterMs = Infinity }: HeartbeatOptions = {},
): Promise<T> {
  const context = Context.current();
  let lastProgress = Date.now();
  const progress = () => {
    lastProgress = Date.now();
  };
  context.heartbeat();
  const timer = setInterval(() => {
    if (Date.now() - lastProgress < stallAfterMs) context.heartbeat();
  }, everyMs);
  try {
    return await work(progress);
  } finally {
    clearInterval(timer);
  }
}

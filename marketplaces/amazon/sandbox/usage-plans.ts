import { USAGE_PLANS, type AmazonOperation } from '../contract.js';
import { quotaExceeded } from './errors.js';

export type UsagePlans = Record<AmazonOperation, { rate: number; burst: number }>;

/**
 * SP-API usage plans as token buckets, one per operation for the one seller the sandbox stands for:
 * a full bucket holds `burst` requests and refills at `rate` per second.
 */
export function createUsagePlans(plans: Partial<UsagePlans>, now: () => Date) {
  const limits: UsagePlans = { ...USAGE_PLANS, ...plans };
  const buckets = new Map<AmazonOperation, { tokens: number; at: number }>();

  /** Spends one request of the operation's plan, or throws the 429 Amazon answers with. */
  function take(operation: AmazonOperation): void {
    const { rate, burst } = limits[operation];
    const at = now().getTime();
    const bucket = buckets.get(operation) ?? { tokens: burst, at };
    const tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 1000) * rate);
    if (tokens < 1) {
      buckets.set(operation, { tokens, at });
      throw quotaExceeded();
    }
    buckets.set(operation, { tokens: tokens - 1, at });
  }

  return { take, rate: (operation: AmazonOperation) => limits[operation].rate, reset: () => buckets.clear() };
}

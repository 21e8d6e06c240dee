import { DEFAULT_THROTTLE } from '../contract.js';

export interface ThrottleOptions {
  maximumAvailable?: number;
  restoreRate?: number;
}

/**
 * Shopify's calculated-cost leaky bucket for the one app and shop the sandbox stands for: a query
 * runs only when the bucket holds its requested cost, and then costs what it actually read.
 */
export function createCostBucket(options: ThrottleOptions, now: () => Date) {
  const maximumAvailable = options.maximumAvailable ?? DEFAULT_THROTTLE.maximumAvailable;
  const restoreRate = options.restoreRate ?? DEFAULT_THROTTLE.restoreRate;
  let available = maximumAvailable;
  let at = now().getTime();

  function refill(): void {
    const time = now().getTime();
    available = Math.min(maximumAvailable, available + ((time - at) / 1000) * restoreRate);
    at = time;
  }

  return {
    /** `throttleStatus` as every answer's `extensions.cost` reports it. */
    status() {
      refill();
      return { maximumAvailable, currentlyAvailable: Math.floor(available), restoreRate };
    },
    admits(requestedCost: number): boolean {
      refill();
      return requestedCost <= available;
    },
    charge(actualCost: number): void {
      refill();
      available = Math.max(0, available - actualCost);
    },
    /** For tests: leave only this many points in the bucket. */
    drainTo(points: number): void {
      refill();
      available = Math.min(maximumAvailable, points);
    },
    reset(): void {
      available = maximumAvailable;
      at = now().getTime();
    },
  };
}

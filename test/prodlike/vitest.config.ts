import { defineConfig } from 'vitest/config';

/**
 * `npm run test:prodlike`: the production topology (runtime/prodlike-stack.ts) under a run of
 * drop-ships with a worker and an API killed mid-run. Its own tier, run by `npm test` after the rest:
 * it builds the Temporal server on first use (13–26 min on 2 cores, cached after) and runs for a minute more.
 */
export default defineConfig({
  test: {
    include: ['test/prodlike/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 15 * 60_000,
    hookTimeout: 45 * 60_000,
  },
});

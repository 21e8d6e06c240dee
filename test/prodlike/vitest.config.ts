import { defineConfig } from 'vitest/config';

/**
 * `npm run test:prodlike`: the production topology (runtime/prodlike-stack.ts) under a run of
 * drop-ships with a worker and an API killed mid-run. Its own tier, outside `npm test`: it builds the
 * Temporal server on first use (minutes) and runs for a few minutes more.
 */
export default defineConfig({
  test: {
    include: ['test/prodlike/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 15 * 60_000,
    hookTimeout: 45 * 60_000,
  },
});

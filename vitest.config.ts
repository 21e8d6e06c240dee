import { defineConfig } from 'vitest/config';

/**
 * Two tiers. `unit`: pure logic, and workflow logic on a time-skipping server of its own with the
 * activities replaced (`npm run test:unit`, seconds). `integration`: everything on the real Postgres
 * and Temporal dev server that global setup starts once per run. `npm test` runs both.
 */
const UNIT = [
  'api/loggable-error.test.ts',
  'config.test.ts',
  'domain/**/*.test.ts',
  'feeds/*.test.ts',
  'http/**/*.test.ts',
  'notifications/**/*.test.ts',
  'distributors/carriers.test.ts',
  'distributors/*/mapping.test.ts',
  'distributors/*/refusals.test.ts',
  'marketplaces/carrier-codes.test.ts',
  'web/src/**/*.test.ts',
  'test/unit/**/*.test.ts',
];
const exclude = ['node_modules/**', 'dist/**', '.data/**'];
/** `npm run test:prodlike` runs these against the production topology, with a config of their own. */
const PRODLIKE = ['test/prodlike/**'];

export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT, exclude } },
      {
        extends: true,
        test: { name: 'integration', include: ['**/*.test.ts'], exclude: [...exclude, ...UNIT, ...PRODLIKE], globalSetup: ['./test/global-setup.ts'] },
      },
    ],
  },
});

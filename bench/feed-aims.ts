import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';

/**
 * The figures of one `npm run bench:feed`, and the aims of issue 17 judged against them. Aims that
 * compare with "today" need figures of the per-dealer design: `BENCH_SAVE_BASELINE=1` stores a run's
 * figures in bench/feed-baseline.json, and later runs compare with that file: in rows/s on the same
 * machine, elsewhere as ratios to the bare COPY measured in each run, which cancels most of the
 * difference between machines (but is noisy on small files, whose COPY takes a few milliseconds).
 */
export interface StepFigures {
  rowsPerSecond: number;
  /** rows/s divided by the bare COPY's rows/s in the same run. */
  ofBareCopy: number;
  rowsWritten: number;
}

export interface FeedBenchFigures {
  measuredAt: string;
  machine: string;
  rows: number;
  bareCopyRowsPerSecond: number;
  setBasedRowsPerSecond: number;
  first: StepFigures;
  unchanged: StepFigures;
  changed: StepFigures;
  peakRssBytes: number;
  multi: {
    /** Dealers the figures are for; when fewer were imported, scaled linearly from those. */
    dealers: number;
    measuredDealers: number;
    rowsPerDealer: number;
    seconds: number;
    rowsWritten: number;
    stockRows: number;
    tableBytes: number;
  };
}

export const BASELINE_FILE = new URL('./feed-baseline.json', import.meta.url);

export const machine = () => `${os.cpus().length} × ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`;

export async function loadBaseline(): Promise<FeedBenchFigures | null> {
  if (!existsSync(BASELINE_FILE)) return null;
  return JSON.parse(await readFile(BASELINE_FILE, 'utf8')) as FeedBenchFigures;
}

export async function saveBaseline(figures: FeedBenchFigures): Promise<void> {
  await writeFile(BASELINE_FILE, `${JSON.stringify(figures, null, 2)}\n`);
}

const RSS_LIMIT = 300 * 1_048_576;
const n = (value: number) => Math.round(value).toLocaleString('en-US');
const fmt = (n: number, digits = 2) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export function printAims(figures: FeedBenchFigures, baseline: FeedBenchFigures | null, baselineIsThisRun: boolean): void {
  const aim = (label: string, met: boolean | null, detail: string) =>
    console.log(`  ${met === null ? 'not judged' : met ? 'met       ' : 'MISSED    '}  ${label.padEnd(76)} ${detail}`);
  const today = baselineIsThisRun
    ? 'today = this run (saved as the baseline)'
    : baseline
      ? `today = bench/feed-baseline.json, ${baseline.measuredAt.slice(0, 10)}, ${baseline.rows.toLocaleString('en-US')} rows`
      : 'no baseline: run today’s design with BENCH_SAVE_BASELINE=1';
  console.log(`\nAims of issue 17 (${today})`);

  aim(
    're-import unchanged ≥ 0.25 of the bare COPY step',
    figures.unchanged.ofBareCopy >= 0.25,
    `${fmt(figures.unchanged.ofBareCopy, 3)} (${n(figures.unchanged.rowsPerSecond)} rows/s)`,
  );
  if (baseline) {
    // On the machine the baseline was taken on, rows/s compare directly; elsewhere, as ratios to each run's bare COPY.
    const sameMachine = baseline.machine === figures.machine;
    const faster = sameMachine ? figures.changed.rowsPerSecond / baseline.changed.rowsPerSecond : figures.changed.ofBareCopy / baseline.changed.ofBareCopy;
    aim(
      're-import with 5 % prices / 20 % quantities changed ≥ 5× faster than today',
      faster >= 5,
      sameMachine
        ? `${fmt(faster)}× (${n(figures.changed.rowsPerSecond)} rows/s vs today’s ${n(baseline.changed.rowsPerSecond)})`
        : `${fmt(faster)}× (another machine: ${fmt(figures.changed.ofBareCopy, 3)} of bare COPY vs today’s ${fmt(baseline.changed.ofBareCopy, 3)})`,
    );
  } else aim('re-import with 5 % prices / 20 % quantities changed ≥ 5× faster than today', null, 'no baseline');
  const ofSetBased = figures.first.rowsPerSecond / figures.setBasedRowsPerSecond;
  aim('first import ≥ 0.8 of the set-based path', ofSetBased >= 0.8, `${fmt(ofSetBased)}`);

  const multi = figures.multi;
  if (!baseline) {
    aim(`${multi.dealers}-dealer run ≥ 10× faster than the per-dealer design`, null, 'no baseline');
    aim(`${multi.dealers}-dealer run ≥ 10× fewer stock rows than the per-dealer design`, null, 'no baseline');
  } else if (multi.measuredDealers < multi.dealers && !baselineIsThisRun) {
    // Scaling is sound only when each dealer's import is independent of the others', as in the per-dealer design.
    const why = `this run imported ${multi.measuredDealers} of ${multi.dealers} dealers and scaled; run it without BENCH_BASELINE_DEALERS`;
    aim(`${multi.dealers}-dealer run ≥ 10× faster than the per-dealer design`, null, why);
    aim(`${multi.dealers}-dealer run ≥ 10× fewer stock rows than the per-dealer design`, null, why);
  } else {
    // Per dealer-row, so runs of different sizes still compare.
    const base = baseline.multi;
    const faster = base.seconds / (base.dealers * base.rowsPerDealer) / (multi.seconds / (multi.dealers * multi.rowsPerDealer));
    const fewer = base.stockRows / (base.dealers * base.rowsPerDealer) / (multi.stockRows / (multi.dealers * multi.rowsPerDealer));
    aim(
      `${multi.dealers}-dealer run ≥ 10× faster than the per-dealer design`,
      faster >= 10,
      `${fmt(faster)}× (${fmt(multi.seconds, 1)} s vs ${fmt(base.seconds, 1)} s)`,
    );
    aim(
      `${multi.dealers}-dealer run ≥ 10× fewer stock rows than the per-dealer design`,
      fewer >= 10,
      `${fmt(fewer)}× (${multi.stockRows.toLocaleString('en-US')} vs ${base.stockRows.toLocaleString('en-US')} stock rows)`,
    );
  }
  aim('RSS < 300 MB throughout', figures.peakRssBytes < RSS_LIMIT, `peak ${Math.round(figures.peakRssBytes / 1_048_576)} MB`);
}

import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';

/**
 * The figures of one `npm run bench:feed`, and the aims of issue 17 judged against them. Aims that
 * compare with "today" need figures of the per-dealer design: `BENCH_SAVE_BASELINE=1` stores a run's
 * figures in bench/feed-baseline.json, and later runs compare with that file: in rows/s on the same
 * machine, elsewhere as ratios to the bare COPY measured in each run, which cancels most of the
 * difference between machines (but is noisy on small files, whose COPY takes a few milliseconds).
 *
 * The design judged against is that of BASELINE_COMMIT, so the baseline can be measured again on any
 * machine, and must be whenever the machine changes or the saved one was measured while other work
 * ran (a baseline taken on busy cores makes every later ratio look better than it is):
 *   git worktree add --detach ../dropline-baseline <BASELINE_COMMIT> && cd ../dropline-baseline && npm ci
 *   BENCH_SAVE_BASELINE=1 BENCH_BASELINE_DEALERS=10 npm run bench:feed
 * then copy its bench/feed-baseline.json here and run `npm run bench:feed` on the same, quiet, machine.
 */
/** The last commit of the per-dealer design (stock per dealer, every row probed), with its bench:feed. */
export const BASELINE_COMMIT = '119c724';

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
  /**
   * The database alone writing what the next day's file changed, set-based from a bare COPY of it (the
   * COPY not counted): a floor for the re-import. Optional: baselines saved before it was measured lack it.
   */
  nextDayFloor?: StepFigures;
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
    /**
     * The database alone inserting the dealers' prices (set-based from a bare COPY, the items and stock
     * already stored), for all `dealers`: a floor for the run. Optional, as nextDayFloor.
     */
    priceFloorSeconds?: number;
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
  /**
   * Beside an aim of `aimTimes`× faster than today, the database's own floor for the same work, which
   * no import writing the same tables can beat on this machine: when the aim asks for more than the
   * floor, only another layout of the tables can meet it.
   */
  const floor = (label: string, aimTimes: number, floorTimes: number, floorSeconds: number) => {
    const aimSeconds = (floorSeconds * floorTimes) / aimTimes;
    const verdict =
      floorTimes < aimTimes ? 'the AIM IS BELOW THE FLOOR: out of reach on this machine of any import that writes these tables' : 'the aim is above the floor';
    console.log(
      `  ${''.padEnd(10)}  ${`└ ${label}`.padEnd(76)} ${fmt(floorTimes)}× today (${fmt(floorSeconds)} s; the aim asks ≤ ${fmt(aimSeconds)} s): ${verdict}`,
    );
  };
  const today = baselineIsThisRun
    ? 'today = this run (saved as the baseline)'
    : baseline
      ? `today = bench/feed-baseline.json: commit ${BASELINE_COMMIT} measured ${baseline.measuredAt.slice(0, 10)} on ${baseline.machine}${baseline.machine === figures.machine ? ' (this machine)' : ''}, ${baseline.rows.toLocaleString('en-US')} rows`
      : `no baseline: measure commit ${BASELINE_COMMIT} with BENCH_SAVE_BASELINE=1 (bench/feed-aims.ts says how)`;
  console.log(`\nAims of issue 17 (${today})`);

  aim(
    're-import unchanged ≥ 0.25 of the bare COPY step',
    figures.unchanged.ofBareCopy >= 0.25,
    `${fmt(figures.unchanged.ofBareCopy, 3)} (${n(figures.unchanged.rowsPerSecond)} rows/s)`,
  );
  if (baseline) {
    // On the machine the baseline was taken on, rows/s compare directly; elsewhere, as ratios to each run's bare COPY.
    const sameMachine = baseline.machine === figures.machine;
    const fasterThanToday = (step: StepFigures) =>
      sameMachine ? step.rowsPerSecond / baseline.changed.rowsPerSecond : step.ofBareCopy / baseline.changed.ofBareCopy;
    const faster = fasterThanToday(figures.changed);
    aim(
      're-import with 5 % prices / 20 % quantities changed ≥ 5× faster than today',
      faster >= 5,
      sameMachine
        ? `${fmt(faster)}× (${n(figures.changed.rowsPerSecond)} rows/s vs today’s ${n(baseline.changed.rowsPerSecond)})`
        : `${fmt(faster)}× (another machine: ${fmt(figures.changed.ofBareCopy, 3)} of bare COPY vs today’s ${fmt(baseline.changed.ofBareCopy, 3)})`,
    );
    const nextDayFloor = figures.nextDayFloor;
    if (nextDayFloor)
      floor('set-based floor: the database alone writing only the changes', 5, fasterThanToday(nextDayFloor), figures.rows / nextDayFloor.rowsPerSecond);
  } else aim('re-import with 5 % prices / 20 % quantities changed ≥ 5× faster than today', null, 'no baseline');
  const ofSetBased = figures.first.rowsPerSecond / figures.setBasedRowsPerSecond;
  aim('first import ≥ 0.8 of the set-based path', ofSetBased >= 0.8, `${fmt(ofSetBased)}`);

  const multi = figures.multi;
  /** Per dealer-row, so runs of different sizes still compare: how many times faster than today `seconds` for this run's dealers are. */
  const multiFasterThanToday = (base: FeedBenchFigures['multi'], seconds: number) =>
    base.seconds / (base.dealers * base.rowsPerDealer) / (seconds / (multi.dealers * multi.rowsPerDealer));
  const priceFloor = (base: FeedBenchFigures['multi']) => {
    if (multi.priceFloorSeconds !== undefined)
      floor(
        `set-based floor: the database alone inserting the ${multi.dealers} dealers' prices`,
        10,
        multiFasterThanToday(base, multi.priceFloorSeconds),
        multi.priceFloorSeconds,
      );
  };
  if (!baseline) {
    aim(`${multi.dealers}-dealer run ≥ 10× faster than the per-dealer design`, null, 'no baseline');
    aim(`${multi.dealers}-dealer run ≥ 10× fewer stock rows than the per-dealer design`, null, 'no baseline');
  } else if (multi.measuredDealers < multi.dealers && !baselineIsThisRun) {
    // Scaling is sound only when each dealer's import is independent of the others', as in the per-dealer design.
    const why = `this run imported ${multi.measuredDealers} of ${multi.dealers} dealers and scaled; run it without BENCH_BASELINE_DEALERS`;
    aim(`${multi.dealers}-dealer run ≥ 10× faster than the per-dealer design`, null, why);
    priceFloor(baseline.multi);
    aim(`${multi.dealers}-dealer run ≥ 10× fewer stock rows than the per-dealer design`, null, why);
  } else {
    const base = baseline.multi;
    const faster = multiFasterThanToday(base, multi.seconds);
    const fewer = base.stockRows / (base.dealers * base.rowsPerDealer) / (multi.stockRows / (multi.dealers * multi.rowsPerDealer));
    aim(
      `${multi.dealers}-dealer run ≥ 10× faster than the per-dealer design`,
      faster >= 10,
      `${fmt(faster)}× (${fmt(multi.seconds, 1)} s vs ${fmt(base.seconds, 1)} s)`,
    );
    priceFloor(base);
    aim(
      `${multi.dealers}-dealer run ≥ 10× fewer stock rows than the per-dealer design`,
      fewer >= 10,
      `${fmt(fewer)}× (${multi.stockRows.toLocaleString('en-US')} vs ${base.stockRows.toLocaleString('en-US')} stock rows)`,
    );
  }
  aim('RSS < 300 MB throughout', figures.peakRssBytes < RSS_LIMIT, `peak ${Math.round(figures.peakRssBytes / 1_048_576)} MB`);
}

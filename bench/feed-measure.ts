/** Wall time and the process's resident memory while a step runs, sampled every 20 ms. */
export interface Measured<T> {
  result: T;
  seconds: number;
  peakRss: number;
}

let peakSeen = 0;
/** Before anything was measured: what the process holds before it reads a row (Node, tsx, the Temporal and Postgres clients). */
const startRss = process.memoryUsage.rss();

export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    peakSeen = Math.max(peakSeen, peakRss);
    return { result, seconds, peakRss };
  } finally {
    clearInterval(sampler);
  }
}

/** The highest RSS any measured step sampled, and the kernel's high-water mark for the whole process (generation included). */
export function peakRssOfRun() {
  return { atStart: startRss, sampled: peakSeen, processMax: process.resourceUsage().maxRSS * 1024 };
}

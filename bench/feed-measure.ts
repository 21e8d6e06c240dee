/** Wall time and the process's resident memory while a step runs, sampled every 20 ms. */
export interface Measured<T> {
  result: T;
  seconds: number;
  peakRss: number;
}

export async function measure<T>(work: () => Promise<T>): Promise<Measured<T>> {
  let peakRss = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 20);
  const started = performance.now();
  try {
    const result = await work();
    const seconds = (performance.now() - started) / 1000;
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    return { result, seconds, peakRss };
  } finally {
    clearInterval(sampler);
  }
}

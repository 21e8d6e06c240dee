/** Reads a Prometheus text exposition as a test needs it: the sum of one metric's samples whose labels include `labels`. */
export function sampleSum(exposition: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of exposition.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]));
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) sum += Number(match[3]);
  }
  return sum;
}

/** Whether the exposition has at least one sample of `name`. */
export function hasMetric(exposition: string, name: string): boolean {
  return exposition.split('\n').some((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));
}

import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKER_ENTRY = fileURLToPath(new URL('../worker.ts', import.meta.url));
const READY = 'Worker polling task queue';

/**
 * The real worker (worker.ts) in processes of their own, one per slot, so the run can SIGKILL one the
 * way an OOM kill or a crashed host would and start it again. A worker that exits on its own is
 * started again too, and counted: the run reports it.
 */
export function workerPool(options: { slots: number; env: NodeJS.ProcessEnv; logDir: string; log: (line: string) => void }) {
  const running = new Map<number, ChildProcess>();
  const generation = new Map<number, number>();
  let stopping = false;
  const counts = { kills: 0, unplannedExits: 0, starts: 0 };

  async function start(slot: number): Promise<void> {
    const nth = (generation.get(slot) ?? 0) + 1;
    generation.set(slot, nth);
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER_ENTRY], { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const logFile = createWriteStream(path.join(options.logDir, `worker-${slot}-${nth}.log`));
    child.stdout!.pipe(logFile);
    child.stderr!.pipe(logFile);
    running.set(slot, child);
    counts.starts++;
    child.once('exit', (code, signal) => {
      if (running.get(slot) !== child) return;
      running.delete(slot);
      if (stopping || signal === 'SIGKILL') return;
      counts.unplannedExits++;
      options.log(`worker ${slot} exited on its own (${signal ?? code}); starting it again (see ${logFile.path})`);
      setTimeout(() => void start(slot).catch((error: unknown) => options.log(`worker ${slot} did not start again: ${String(error)}`)), 1000);
    });
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`worker ${slot} not ready after 120 s:\n${output.slice(-2000)}`)), 120_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes(READY)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', () => {
        clearTimeout(timer);
        if (!output.includes(READY)) reject(new Error(`worker ${slot} exited before it was ready:\n${output.slice(-2000)}`));
      });
    });
  }

  return {
    counts,
    async startAll() {
      await Promise.all(Array.from({ length: options.slots }, (_, slot) => start(slot)));
    },
    /** SIGKILL, then a fresh process in the same slot. */
    async killAndRestart(slot: number) {
      const child = running.get(slot);
      if (child) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGKILL');
        await exited;
        counts.kills++;
      }
      await start(slot);
    },
    async stopAll() {
      stopping = true;
      await Promise.all(
        [...running.values()].map(
          (child) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null || child.signalCode !== null) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
            }),
        ),
      );
    },
  };
}

export type WorkerPool = ReturnType<typeof workerPool>;

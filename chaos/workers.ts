import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stopChildren } from '../runtime/child-processes.js';

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

  /** Starts the slot's worker; one that dies before it is ready (Temporal restarting, say) is tried again, for up to two minutes. */
  async function start(slot: number): Promise<void> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        return await startOnce(slot);
      } catch (error) {
        if (stopping || Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2000));
      }
    }
  }

  async function startOnce(slot: number): Promise<void> {
    const nth = (generation.get(slot) ?? 0) + 1;
    generation.set(slot, nth);
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER_ENTRY], { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const logFile = createWriteStream(path.join(options.logDir, `worker-${slot}-${nth}.log`));
    child.stdout!.pipe(logFile);
    child.stderr!.pipe(logFile);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`worker ${slot} not ready after 120 s:\n${output.slice(-2000)}`));
      }, 120_000);
      child.stdout!.on('data', () => {
        if (!output.includes(READY)) return;
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`worker ${slot} exited before it was ready:\n${output.slice(-2000)}`));
      });
    });
    running.set(slot, child);
    counts.starts++;
    child.once('exit', (code, signal) => {
      if (running.get(slot) !== child) return;
      running.delete(slot);
      if (stopping || signal === 'SIGKILL') return;
      counts.unplannedExits++;
      options.log(`worker ${slot} exited on its own (${signal ?? code}); starting it again (see ${String(logFile.path)})`);
      void start(slot).catch((error: unknown) => options.log(`worker ${slot} did not start again: ${String(error)}`));
    });
  }

  return {
    counts,
    async startAll() {
      await Promise.all(Array.from({ length: options.slots }, (_, slot) => start(slot)));
    },
    /** SIGKILL, then a fresh process in the same slot. */
    async killAndRestart(slot: number) {
      // A slot still (re)starting is killed once it is up, so every planned kill happens.
      const deadline = Date.now() + 120_000;
      while (!running.has(slot) && Date.now() < deadline && !stopping) await new Promise((resolve) => setTimeout(resolve, 250));
      const child = running.get(slot);
      if (!child) throw new Error(`worker ${slot} was not running to be killed`);
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
      counts.kills++;
      await start(slot);
    },
    async stopAll() {
      stopping = true;
      await stopChildren(running.values());
    },
  };
}

export type WorkerPool = ReturnType<typeof workerPool>;

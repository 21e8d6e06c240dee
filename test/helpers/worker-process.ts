import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { eventually } from './eventually.js';

const WORKER_MAIN = fileURLToPath(new URL('./worker-main.ts', import.meta.url));

/** Starts a worker in its own process (see worker-main.ts) and resolves once it polls. */
export async function spawnWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER_MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await eventually(
    async () => {
      if (child.exitCode !== null) throw new Error(`worker exited early:\n${output}`);
      return output.includes('worker ready');
    },
    () => `the worker process to start; output:\n${output}`,
    60_000,
  );
  return {
    pid: child.pid!,
    /** Ends the process the hard way, as a crash or an OOM kill would. */
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { stopChildren } from '../../runtime/child-processes.js';

/** How the dev supervisor and the chaos run's worker pool stop the processes they started. */
describe('stopChildren', () => {
  /** A node process running `script`, resolved once it has said "ready" (its handlers are in place). */
  async function child(script: string) {
    const started = spawn(process.execPath, ['-e', `${script}; console.log('ready')`], { stdio: ['ignore', 'pipe', 'ignore'] });
    await once(started.stdout, 'data');
    return started;
  }

  it('stops running children with SIGTERM and passes over one that has already exited', async () => {
    const running = await child('setInterval(() => {}, 1000)');
    const exited = await child('');
    if (exited.exitCode === null) await once(exited, 'exit');

    await stopChildren([running, exited]);

    expect(running.signalCode).toBe('SIGTERM');
    expect(exited.exitCode).toBe(0);
  });

  it('waits for a child that finishes its work after SIGTERM', async () => {
    const graceful = await child("process.on('SIGTERM', () => setTimeout(() => process.exit(3), 200)); setInterval(() => {}, 1000)");

    await stopChildren([graceful]);

    expect(graceful.exitCode).toBe(3);
  });
});

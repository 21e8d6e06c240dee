import type { ChildProcess } from 'node:child_process';

/** How long a child has after SIGTERM to finish what it is doing before it is killed. */
const GRACE_MS = 15_000;

/** Asks each child to stop (SIGTERM), kills one that outlasts the grace time, and resolves once all have exited. */
export async function stopChildren(children: Iterable<ChildProcess>): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), GRACE_MS).unref();
        }),
    ),
  );
}

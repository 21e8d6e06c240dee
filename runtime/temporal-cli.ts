import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { droplineCacheDir, hasGo, isExecutable, runGo, withBuildLock } from './go-build.js';

/**
 * Provides the Temporal CLI (whose `server start-dev` is our dev server) without any download from
 * outside the package registries: the CLI is built from the Go module proxy through the wrapper
 * module in tools/temporal-cli (the upstream go.mod has a `replace` that `go install` refuses), and the
 * binary is cached outside the repository so later starts take seconds.
 */
export const TEMPORAL_CLI_VERSION = '1.8.2';

const WRAPPER_DIR = fileURLToPath(new URL('../tools/temporal-cli', import.meta.url));

export type CliSource = 'configured' | 'cache' | 'built';

export interface TemporalCli {
  path: string;
  source: CliSource;
  elapsedMs: number;
}

export function cachedCliPath(): string {
  return path.join(droplineCacheDir(`temporal-cli-${TEMPORAL_CLI_VERSION}`), 'temporal');
}

/**
 * Returns a runnable Temporal CLI: the configured path, else the cached build, else a fresh build
 * from the Go module proxy. Returns null when none is possible (no Go toolchain), so the caller can
 * fall back to the SDK's own download on machines with internet access.
 */
export async function ensureTemporalCli(configuredPath: string | undefined, log: (line: string) => void = () => {}): Promise<TemporalCli | null> {
  const started = Date.now();
  if (configuredPath) {
    if (!existsSync(configuredPath)) throw new Error(`TEMPORAL_CLI_PATH does not exist: ${configuredPath}`);
    return { path: configuredPath, source: 'configured', elapsedMs: 0 };
  }
  const target = cachedCliPath();
  if (await isExecutable(target)) return { path: target, source: 'cache', elapsedMs: Date.now() - started };
  if (!(await hasGo())) return null;

  await withBuildLock(path.dirname(target), async () => {
    if (await isExecutable(target)) return; // another process built it while we waited
    log(`Building Temporal CLI ${TEMPORAL_CLI_VERSION} from the Go module proxy (first run only, a few minutes)…`);
    const temporary = `${target}.${process.pid}.tmp`;
    await runGo(WRAPPER_DIR, [
      'build',
      '-trimpath',
      '-ldflags',
      `-s -w -X github.com/temporalio/cli/internal/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
      '-o',
      temporary,
      'github.com/temporalio/cli/cmd/temporal',
    ]);
    await rename(temporary, target);
  });
  const elapsedMs = Date.now() - started;
  log(`Temporal CLI built in ${(elapsedMs / 1000).toFixed(0)} s and cached at ${target}`);
  return { path: target, source: 'built', elapsedMs };
}

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
  const cacheRoot = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cacheRoot, 'dropline', `temporal-cli-${TEMPORAL_CLI_VERSION}`, 'temporal');
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
    await run('go', [
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

async function isExecutable(file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    return info.isFile() && (info.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

async function hasGo(): Promise<boolean> {
  try {
    await run('go', ['version'], 'ignore');
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[], stdio: 'inherit' | 'ignore' = 'inherit'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: WRAPPER_DIR,
      stdio: ['ignore', stdio, stdio],
      // -mod=mod lets Go complete go.sum from the proxy if a newer toolchain wants more entries;
      // GOTOOLCHAIN=auto fetches the Go version the CLI needs from the same proxy when ours is older.
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'auto' },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args[0]} exited with ${code}`))));
  });
}

/** Serialises builds between processes (the dev run and a test run may start together). */
async function withBuildLock(dir: string, body: () => Promise<void>): Promise<void> {
  await mkdir(dir, { recursive: true });
  const lock = path.join(dir, 'build.lock');
  const deadline = Date.now() + 40 * 60_000;
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lock}; remove it if no build is running`);
      if (await isStale(lock)) await rm(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
  }
  try {
    await body();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function isStale(lock: string): Promise<boolean> {
  try {
    return Date.now() - (await stat(lock)).mtimeMs > 45 * 60_000;
  } catch {
    return false;
  }
}

import { spawn } from 'node:child_process';
import { mkdir, rm, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * What the Go builds of Temporal's binaries share: a cache outside the repository (so later starts
 * take seconds), a lock between processes, and a `go` that fetches only from the Go module proxy.
 */

/** `~/.cache/dropline/<name>` (or under XDG_CACHE_HOME). */
export function droplineCacheDir(name: string): string {
  const cacheRoot = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cacheRoot, 'dropline', name);
}

export async function isExecutable(file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    return info.isFile() && (info.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

export async function hasGo(): Promise<boolean> {
  try {
    await runGo(process.cwd(), ['version'], 'ignore');
    return true;
  } catch {
    return false;
  }
}

/** Runs `go <args>` in a wrapper module's directory. */
export function runGo(cwd: string, args: string[], stdio: 'inherit' | 'ignore' = 'inherit'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, {
      cwd,
      stdio: ['ignore', stdio, stdio],
      // -mod=mod lets Go complete go.sum from the proxy if a newer toolchain wants more entries;
      // GOTOOLCHAIN=auto fetches the Go version the module needs from the same proxy when ours is older.
      env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'auto' },
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`go ${args[0]} exited with ${code}`))));
  });
}

/** Serialises builds between processes (the dev run and a test run may start together). */
export async function withBuildLock(dir: string, body: () => Promise<void>): Promise<void> {
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

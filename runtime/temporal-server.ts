import { Connection } from '@temporalio/client';
import { spawn } from 'node:child_process';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { droplineCacheDir, hasGo, isExecutable, runGo, withBuildLock } from './go-build.js';
import { freePort } from './ports.js';

/**
 * Provides the Temporal server (the production one: separate persistence and visibility stores, here
 * Postgres) and its schema tool, built from the Go module proxy through the wrapper module in
 * tools/temporal-server and cached beside the CLI. The version is the one the CLI's dev server embeds
 * (tools/temporal-cli/go.mod), so tests on the dev server and the production-like stack run the same
 * server code. The Postgres schema files come from the same module and are cached with the binaries.
 */
export const TEMPORAL_SERVER_VERSION = '1.31.2';

const WRAPPER_DIR = fileURLToPath(new URL('../tools/temporal-server', import.meta.url));

export interface TemporalServerBuild {
  /** `temporal-server --config-file <yaml> start` */
  server: string;
  /** `temporal-sql-tool` (setup-schema, update-schema, create-database) */
  sqlTool: string;
  /** schema/postgresql/v12 of the server module: `temporal/versioned` and `visibility/versioned`. */
  postgresSchemaDir: string;
  source: 'cache' | 'built';
  elapsedMs: number;
}

export function temporalServerCacheDir(): string {
  return droplineCacheDir(`temporal-server-${TEMPORAL_SERVER_VERSION}`);
}

function layout(dir: string) {
  return {
    server: path.join(dir, 'temporal-server'),
    sqlTool: path.join(dir, 'temporal-sql-tool'),
    postgresSchemaDir: path.join(dir, 'schema', 'postgresql', 'v12'),
  };
}

/** The cached build, else a fresh one from the Go module proxy (minutes, once per machine). */
export async function ensureTemporalServer(log: (line: string) => void = () => {}): Promise<TemporalServerBuild> {
  const started = Date.now();
  const dir = temporalServerCacheDir();
  const files = layout(dir);
  if ((await isExecutable(files.server)) && (await isExecutable(files.sqlTool))) {
    return { ...files, source: 'cache', elapsedMs: Date.now() - started };
  }
  if (!(await hasGo())) throw new Error('The Temporal server is built with Go (from the Go module proxy); no `go` found on PATH');

  // The lock lives beside the cache directory, which appears whole (a rename) once both binaries exist.
  await withBuildLock(`${dir}.lock`, async () => {
    if (await isExecutable(files.server)) return; // another process built it while we waited
    log(`Building Temporal server ${TEMPORAL_SERVER_VERSION} and temporal-sql-tool from the Go module proxy (first run only, several minutes)…`);
    const temporary = `${dir}.${process.pid}.tmp`;
    await rm(temporary, { recursive: true, force: true });
    await mkdir(temporary, { recursive: true });
    const next = layout(temporary);
    const build = ['build', '-trimpath', '-ldflags', '-s -w'];
    await runGo(WRAPPER_DIR, [...build, '-o', next.server, 'go.temporal.io/server/cmd/server']);
    await runGo(WRAPPER_DIR, [...build, '-o', next.sqlTool, 'go.temporal.io/server/cmd/tools/sql']);
    await cp(path.join(await moduleDir(), 'schema', 'postgresql', 'v12'), next.postgresSchemaDir, { recursive: true });
    await rm(dir, { recursive: true, force: true });
    await rename(temporary, dir);
  });
  const elapsedMs = Date.now() - started;
  log(`Temporal server built in ${(elapsedMs / 1000).toFixed(0)} s and cached at ${dir}`);
  return { ...files, source: 'built', elapsedMs };
}

/** Where the Go module cache holds go.temporal.io/server at the pinned version. */
function moduleDir(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', ['list', '-m', '-f', '{{.Dir}}', 'go.temporal.io/server'], {
      cwd: WRAPPER_DIR,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'auto' },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && out.trim() ? resolve(out.trim()) : reject(new Error(`go list -m go.temporal.io/server exited with ${code}`))));
  });
}

const CONFIG_FILE = fileURLToPath(new URL('../temporal/server/config.yaml', import.meta.url));
const DYNAMIC_CONFIG_FILE = fileURLToPath(new URL('../temporal/server/dynamicconfig.yaml', import.meta.url));
const SETUP_SCHEMA = fileURLToPath(new URL('../temporal/server/setup-schema.sh', import.meta.url));

export interface TemporalServerOptions {
  build: TemporalServerBuild;
  /** The Postgres server that holds the `temporal` and `temporal_visibility` databases (created when missing). */
  postgres: { host: string; port: number; user: string; password: string };
  /** The frontend's gRPC port (what clients dial); 0 for a free one. */
  port: number;
  /** Every other port the four services bind on loopback (gRPC and membership); free ones when left out. */
  internalPorts?: Partial<Record<(typeof INTERNAL_PORTS)[number], number>>;
  log?: (line: string) => void;
}

export interface RunningTemporalServer {
  address: string;
  version: string;
  pid: number;
  stop(): Promise<void>;
}

const INTERNAL_PORTS = [
  'FRONTEND_HTTP_PORT',
  'FRONTEND_MEMBERSHIP_PORT',
  'HISTORY_GRPC_PORT',
  'HISTORY_MEMBERSHIP_PORT',
  'MATCHING_GRPC_PORT',
  'MATCHING_MEMBERSHIP_PORT',
  'WORKER_GRPC_PORT',
  'WORKER_MEMBERSHIP_PORT',
] as const;

/**
 * Applies the Postgres schemas (temporal/server/setup-schema.sh) and starts the server with
 * temporal/server/config.yaml, on loopback only; resolves once the frontend answers.
 */
export async function startTemporalServer(options: TemporalServerOptions): Promise<RunningTemporalServer> {
  const { build, postgres, log = () => {} } = options;
  const schemaEnv = {
    ...process.env,
    SQL_HOST: postgres.host,
    SQL_PORT: String(postgres.port),
    SQL_USER: postgres.user,
    SQL_PASSWORD: postgres.password,
    TEMPORAL_SQL_TOOL: build.sqlTool,
    TEMPORAL_SCHEMA_DIR: build.postgresSchemaDir,
  };
  const schemaOutput = await runQuietly('sh', [SETUP_SCHEMA], schemaEnv);
  if (schemaOutput.code !== 0) throw new Error(`temporal/server/setup-schema.sh exited with ${schemaOutput.code}:\n${schemaOutput.output}`);

  // The server only warns about a key it does not know, and then runs without it.
  const dynamicConfig = await runQuietly(build.server, ['validate-dynamic-config', DYNAMIC_CONFIG_FILE], process.env);
  if (dynamicConfig.code !== 0 || /warning|error/i.test(dynamicConfig.output)) throw new Error(`temporal/server/dynamicconfig.yaml:\n${dynamicConfig.output}`);

  // A port found free a moment ago may be taken by the time the server binds it: try again with others.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await launch(options);
    } catch (error) {
      if (attempt >= 3 || !(error instanceof PortTaken)) throw error;
      log(`Temporal server: ${error.message}; starting it on other ports`);
    }
  }
}

class PortTaken extends Error {}

async function launch(options: TemporalServerOptions): Promise<RunningTemporalServer> {
  const { build, postgres, log = () => {} } = options;
  const port = options.port || (await freePort());
  const internal: Record<string, string> = {};
  for (const name of INTERNAL_PORTS) internal[name] = String(options.internalPorts?.[name] ?? (await freePort()));
  const child = spawn(build.server, ['--config-file', CONFIG_FILE, 'start'], {
    env: {
      ...process.env,
      POSTGRES_SEEDS: postgres.host,
      DB_PORT: String(postgres.port),
      POSTGRES_USER: postgres.user,
      POSTGRES_PWD: postgres.password,
      DYNAMIC_CONFIG_FILE_PATH: DYNAMIC_CONFIG_FILE,
      BIND_ON_IP: '127.0.0.1',
      FRONTEND_GRPC_PORT: String(port),
      ...internal,
      // No authorizer: the frontend listens on loopback only (a cluster elsewhere sets one, see README).
      TEMPORAL_ALLOW_NO_AUTH: 'true',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: Ctrl-C reaches only the supervisor, which stops the server after the workers.
    detached: true,
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };

  const address = `127.0.0.1:${port}`;
  try {
    await Promise.race([
      waitForFrontend(address, 120_000),
      exited.then((code) => {
        const taken = /listen tcp (\S+): bind: address already in use/.exec(output);
        if (taken) throw new PortTaken(`${taken[1]} was taken`);
        throw new Error(`Temporal server exited with ${code} while starting:\n${output}`);
      }),
    ]);
  } catch (error) {
    await stop();
    throw error;
  }
  log(`Temporal server ${TEMPORAL_SERVER_VERSION} (Postgres persistence and visibility) at ${address}, pid ${child.pid}`);
  return { address, version: TEMPORAL_SERVER_VERSION, pid: child.pid!, stop };
}

async function waitForFrontend(address: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2000 });
      try {
        await connection.workflowService.getSystemInfo({});
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`The Temporal frontend at ${address} did not answer within ${timeoutMs / 1000} s`, { cause: error });
      await sleep(500);
    }
  }
}

function runQuietly(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

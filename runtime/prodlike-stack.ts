import { Connection } from '@temporalio/client';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { createDb } from '../db/client.js';
import { seedDemoAccounts, seedDemoChannelAccounts, seedDemoDealer, seedDemoOwner } from '../db/demo-data.js';
import { migrateDatabase } from '../db/migrate.js';
import { sandboxCredentials } from '../distributors/registry.js';
import { SANDBOX_CHANNEL_ACCOUNTS } from '../sandboxes/channel-accounts.js';
import { createCredentialsCipher } from '../security/credentials-cipher.js';
import { generatePassword, hashPassword } from '../security/passwords.js';
import { temporalConnectionOptions } from '../temporal/connection.js';
import { ensureNamespace } from '../temporal/namespace.js';
import { ensureSearchAttributes } from '../temporal/search-attributes.js';
import { stopChildren } from './child-processes.js';
import { startLocalSandboxes, type LocalSandboxPorts } from './local-sandboxes.js';
import { freePort } from './ports.js';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from './postgres.js';
import { ensureTemporalServer, startTemporalServer } from './temporal-server.js';

export interface ProdlikeOptions {
  /** Read once by the caller; DATABASE_URL and TEMPORAL_ADDRESS, when set, replace the embedded Postgres and the built server. */
  config: Config;
  dataDir: string;
  /** 0: a free port, chosen just before that part starts (the sandboxes let the system choose). */
  ports: { postgres: number; temporal: number; apis: number[]; sandboxes: LocalSandboxPorts };
  workers: number;
  /** How long after a PO is placed the sandbox warehouses ship it. */
  shipAfterMs: number;
  /** Added to every API and worker process's environment. */
  env?: NodeJS.ProcessEnv;
  /** Start a process again when it exits while the stack runs, as a process manager would. */
  restartExited: boolean;
  log: (line: string) => void;
  /** Each API and worker process's output line, by process name (`api-1`, `worker-2`). */
  output: (name: string, line: string) => void;
}

/** One API or worker process of the stack. */
export interface ProdlikeProcess {
  name: string;
  /** The API's base URL (APIs only). */
  url?: string;
  current(): ChildProcess;
  restarts: number;
}

/**
 * The production topology on one machine: Postgres; the Temporal server (Postgres persistence and
 * visibility, built from the Go module proxy, namespace and search attributes registered through the
 * frontend); N API processes (server.ts) and M worker processes (worker.ts), each configured only by
 * its environment as in production; the sandboxes of `npm run dev`. Everything listens on loopback.
 */
export async function startProdlike(options: ProdlikeOptions) {
  const { config, log } = options;
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    stopping = true;
    await stopChildren(processes.map((p) => p.current()));
    for (const step of stops) await step().catch((error: unknown) => log(`while stopping: ${String(error)}`));
  };
  let stopping = false;
  const processes: ProdlikeProcess[] = [];

  try {
    await mkdir(options.dataDir, { recursive: true });
    let serverUrl = config.database.url ? withDatabase(config.database.url, 'postgres') : undefined;
    if (!serverUrl) {
      const postgres = await startEmbeddedPostgres({
        dataDir: path.join(options.dataDir, 'postgres'),
        port: options.ports.postgres || (await freePort()),
        log,
      });
      stops.unshift(() => postgres.stop());
      serverUrl = postgres.serverUrl;
    }
    await ensureDatabase(serverUrl, 'dropline');
    const databaseUrl = withDatabase(serverUrl, 'dropline');
    await migrateDatabase(databaseUrl);

    let temporalAddress = config.temporal.address;
    let temporalServer: { version: string; pid: number; build: string } | null = null;
    if (!temporalAddress) {
      const build = await ensureTemporalServer(log);
      const postgres = new URL(serverUrl);
      const server = await startTemporalServer({
        build,
        postgres: {
          host: postgres.hostname,
          port: Number(postgres.port || 5432),
          user: decodeURIComponent(postgres.username),
          password: decodeURIComponent(postgres.password),
        },
        port: options.ports.temporal,
        log,
      });
      stops.unshift(() => server.stop());
      temporalAddress = server.address;
      temporalServer = { version: server.version, pid: server.pid, build: `${build.source}, ${(build.elapsedMs / 1000).toFixed(1)} s` };
    }
    // What `npm run temporal:namespace` does on a cluster: the namespace, then the search attributes (SQL visibility takes them through the operator service).
    const connection = await Connection.connect(await temporalConnectionOptions({ address: temporalAddress, ...config.temporal.connection }));
    try {
      await ensureNamespace(connection, config.temporal.namespace, config.temporal.retentionDays);
      await ensureSearchAttributes(connection, config.temporal.namespace);
    } finally {
      await connection.close();
    }

    const database = createDb(databaseUrl, { max: 2 });
    stops.unshift(() => database.close());
    const cipher = createCredentialsCipher(config.credentialKeys);
    const { dealerId, apiKey } = await seedDemoDealer(database.db, cipher, {});
    await seedDemoAccounts(database.db, cipher, dealerId, sandboxCredentials());
    await seedDemoChannelAccounts(database.db, cipher, dealerId, SANDBOX_CHANNEL_ACCOUNTS);
    const ownerPassword = generatePassword();
    const owner = await seedDemoOwner(database.db, dealerId, await hashPassword(ownerPassword));

    const sandboxes = await startLocalSandboxes(options.ports.sandboxes, { shipAfterMs: options.shipAfterMs });
    stops.unshift(() => sandboxes.close());

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: temporalAddress,
      ...sandboxes.env,
      TRACKING_POLL_INTERVAL_SECONDS: process.env.TRACKING_POLL_INTERVAL_SECONDS ?? '5',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      ...options.env,
    };
    const supervise = (name: string, entry: string, processEnv: NodeJS.ProcessEnv, url?: string) => {
      let child: ChildProcess;
      const slot: ProdlikeProcess = { name, ...(url && { url }), current: () => child, restarts: 0 };
      const start = () => {
        // Own process group: Ctrl-C reaches only the supervisor, which stops the children in order.
        child = spawn(process.execPath, ['--import', 'tsx', entry], { env: processEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
        const forward = (chunk: Buffer) =>
          chunk
            .toString()
            .split('\n')
            .filter(Boolean)
            .forEach((line) => options.output(name, line));
        child.stdout!.on('data', forward);
        child.stderr!.on('data', forward);
        child.on('exit', (code, signal) => {
          if (stopping) return;
          log(`${name} (pid ${child.pid}) exited (${signal ?? code})${options.restartExited ? '; starting it again' : ''}`);
          if (!options.restartExited) return;
          slot.restarts += 1;
          setTimeout(() => !stopping && start(), 1000).unref();
        });
      };
      start();
      processes.push(slot);
      return slot;
    };
    // Two workers on one machine: each serves its Temporal SDK metrics on a port of its own.
    const workers = [];
    for (let i = 0; i < options.workers; i += 1) {
      const metricsPort = await freePort();
      workers.push(
        supervise(`worker-${i + 1}`, 'worker.ts', { ...env, WORKER_METRICS_ADDRESS: `127.0.0.1:${metricsPort}` }, `http://127.0.0.1:${metricsPort}/metrics`),
      );
    }
    const apis = [];
    for (const [i, wanted] of options.ports.apis.entries()) {
      const port = wanted || (await freePort());
      apis.push(supervise(`api-${i + 1}`, 'server.ts', { ...env, API_HOST: '127.0.0.1', API_PORT: String(port) }, `http://127.0.0.1:${port}`));
    }
    await Promise.all(apis.map((api) => waitForHealth(api.url!)));

    return {
      databaseUrl,
      serverUrl,
      temporalAddress,
      temporalServer,
      dealerId,
      apiKey,
      owner: { ...owner, password: ownerPassword },
      sandboxes,
      apis,
      workers,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type Prodlike = Awaited<ReturnType<typeof startProdlike>>;

async function waitForHealth(api: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${api}/healthz`).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${api}/healthz did not turn green within 2 minutes`);
}

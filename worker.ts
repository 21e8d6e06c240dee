import { loadConfig } from './config.js';
import { createDb } from './db/client.js';
import { startWorkerProcess } from './runtime/worker-process.js';
import { createCredentialsCipher } from './security/credentials-cipher.js';
import { ensureSearchAttributes } from './temporal/search-attributes.js';
import { WORKFLOWS_PATH } from './temporal/workflows-path.js';

/**
 * The worker process: runs every workflow in workflows/index.ts and their activities. The only
 * place (with the API server) where real dependencies are built. SIGINT/SIGTERM stop it gracefully:
 * running activities get a grace period, then the connections close.
 */
async function main() {
  const config = loadConfig();
  if (!config.database.url) throw new Error('DATABASE_URL is not set (`npm run dev` starts an embedded Postgres and sets it)');
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is not set (`npm run dev` starts a Temporal dev server and sets it)');

  const database = createDb(config.database.url);
  try {
    const workers = await startWorkerProcess({
      address: config.temporal.address,
      ...config.temporal.connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      prepare: (connection) => ensureSearchAttributes(connection, config.temporal.namespace),
      workflows: { workflowsPath: WORKFLOWS_PATH },
      payloadKeys: config.payloadKeys,
      tracking: config.tracking,
      distributorRates: config.distributorRates,
      shutdownGraceTime: '10 seconds',
      maxCachedWorkflows: config.temporal.maxCachedWorkflows,
      metricsAddress: config.metrics.workerAddress,
      wiring: {
        db: database.db,
        cipher: createCredentialsCipher(config.credentialKeys),
        distributors: config.distributors,
        marketplaces: config.marketplaces,
        email: { apiKey: config.email.apiKey, baseUrl: config.email.baseUrl, from: config.email.defaultFrom },
        distributorCalls: config.distributorCalls,
        feedImportProcess: { databaseUrl: config.database.url, credentialKeys: config.credentialKeys },
      },
    });
    console.log(`Worker polling task queue "${config.temporal.taskQueue}" (and one per distributor) at ${config.temporal.address}`);
    if (config.metrics.workerAddress) console.log(`Temporal SDK metrics for Prometheus at http://${config.metrics.workerAddress}/metrics`);
    await workers.run();
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

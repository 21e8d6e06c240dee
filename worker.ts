import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from './activities/index.js';
import { loadConfig } from './config.js';
import { createDb } from './db/client.js';
import { activityDeps } from './runtime/activity-deps.js';
import { createCredentialsCipher } from './security/credentials-cipher.js';
import { dataConverter } from './temporal/data-converter.js';
import { ensureSearchAttributes } from './temporal/search-attributes.js';
import { createWorkerSet } from './temporal/workers.js';
import { WORKFLOWS_PATH } from './temporal/workflows-path.js';

/**
 * The worker process: runs the drop-ship and purchase-order workflows and their activities. The only
 * place (with the API server) where real dependencies are built. SIGINT/SIGTERM stop it gracefully:
 * running activities get a grace period, then the connections close.
 */
async function main() {
  const config = loadConfig();
  if (!config.database.url) throw new Error('DATABASE_URL is not set (`npm run dev` starts an embedded Postgres and sets it)');
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is not set (`npm run dev` starts a Temporal dev server and sets it)');

  const database = createDb(config.database.url);
  // Order intake starts auto-processing drop-ships, so activities hold a client of their own.
  const clientConnection = await Connection.connect({ address: config.temporal.address });
  await ensureSearchAttributes(clientConnection, config.temporal.namespace);
  const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace, dataConverter: dataConverter(config.payloadKeys) });
  const starter = { client, taskQueue: config.temporal.taskQueue, tracking: config.tracking };

  const connection = await NativeConnection.connect({ address: config.temporal.address });
  try {
    const activities = createActivities(
      activityDeps({
        db: database.db,
        cipher: createCredentialsCipher(config.credentialKeys),
        distributors: {
          wps: config.distributors.wpsBaseUrl,
          parts_unlimited: config.distributors.partsUnlimitedBaseUrl,
          tucker_rocky: config.distributors.tuckerRockyBaseUrl,
          automatic: config.distributors.automaticBaseUrl,
        },
        marketplaces: config.marketplaces,
        email: { apiKey: config.email.apiKey, baseUrl: config.email.baseUrl, from: config.email.defaultFrom },
        starter,
        distributorCalls: config.distributorCalls,
      }),
    );
    const workers = await createWorkerSet({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      workflows: { workflowsPath: WORKFLOWS_PATH },
      activities,
      dataConverter: dataConverter(config.payloadKeys),
      distributorRates: config.distributorRates,
      shutdownGraceTime: '10 seconds',
    });
    console.log(`Worker polling task queue "${config.temporal.taskQueue}" (and one per distributor) at ${config.temporal.address}`);
    await workers.run();
  } finally {
    await connection.close();
    await clientConnection.close();
    await database.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

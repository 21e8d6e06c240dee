import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../../activities/index.js';
import { createDb } from '../../db/client.js';
import { activityDeps } from '../../runtime/activity-deps.js';
import { createCredentialsCipher } from '../../security/credentials-cipher.js';
import { dataConverter } from '../../temporal/data-converter.js';
import { createWorkerSet } from '../../temporal/workers.js';
import { WORKFLOWS_PATH } from '../../temporal/workflows-path.js';
import { testConfig } from './config.js';

/**
 * A worker in a process of its own, so a test can SIGKILL it mid-activity. Wired like worker.ts, from
 * the environment the test passes.
 */
const env = (name: string) => process.env[name] ?? (() => { throw new Error(`${name} not set`); })();

const database = createDb(env('TEST_DATABASE_URL'), { max: 3 });
const connection = await NativeConnection.connect({ address: env('TEST_TEMPORAL_ADDRESS') });
const clientConnection = await Connection.connect({ address: env('TEST_TEMPORAL_ADDRESS') });
const client = new Client({ connection: clientConnection, dataConverter: dataConverter(testConfig.payloadKeys) });
const starter = { client, taskQueue: env('TEST_TASK_QUEUE'), tracking: JSON.parse(env('TEST_TRACKING')) };
const workers = await createWorkerSet({
  connection,
  taskQueue: env('TEST_TASK_QUEUE'),
  workflows: { workflowsPath: WORKFLOWS_PATH },
  activities: createActivities(
    activityDeps({
      db: database.db,
      cipher: createCredentialsCipher(testConfig.credentialKeys),
      distributors: JSON.parse(env('TEST_DISTRIBUTOR_ENDPOINTS')),
      marketplaces: JSON.parse(env('TEST_MARKETPLACE_ENDPOINTS')),
      email: { apiKey: 're_test_key', baseUrl: env('TEST_RESEND_URL'), from: 'Dropline <orders@dropline.test>' },
      starter,
    }),
  ),
  dataConverter: dataConverter(testConfig.payloadKeys),
  distributorRates: testConfig.distributorRates,
});
console.log('worker ready');
await workers.run();
await connection.close();
await clientConnection.close();
await database.close();

import { createDb } from '../../db/client.js';
import { startWorkerProcess } from '../../runtime/worker-process.js';
import { createCredentialsCipher } from '../../security/credentials-cipher.js';
import { WORKFLOWS_PATH } from '../../temporal/workflows-path.js';
import { testConfig } from './config.js';

/**
 * A worker in a process of its own, so a test can SIGKILL it mid-activity. Wired like worker.ts, from
 * the environment the test passes.
 */
const env = (name: string) =>
  process.env[name] ??
  (() => {
    throw new Error(`${name} not set`);
  })();

const database = createDb(env('TEST_DATABASE_URL'), { max: 3 });
const workers = await startWorkerProcess({
  address: env('TEST_TEMPORAL_ADDRESS'),
  taskQueue: env('TEST_TASK_QUEUE'),
  workflows: { workflowsPath: WORKFLOWS_PATH },
  payloadKeys: testConfig.payloadKeys,
  tracking: JSON.parse(env('TEST_TRACKING')),
  distributorRates: testConfig.distributorRates,
  metricsAddress: process.env.TEST_WORKER_METRICS_ADDRESS,
  wiring: {
    db: database.db,
    cipher: createCredentialsCipher(testConfig.credentialKeys),
    distributors: JSON.parse(env('TEST_DISTRIBUTOR_ENDPOINTS')),
    marketplaces: JSON.parse(env('TEST_MARKETPLACE_ENDPOINTS')),
    email: { apiKey: 're_test_key', baseUrl: env('TEST_RESEND_URL'), from: 'Dropline <orders@dropline.test>' },
    feedImportProcess: { databaseUrl: env('TEST_DATABASE_URL'), credentialKeys: testConfig.credentialKeys },
  },
});
console.log('worker ready');
await workers.run();
await database.close();

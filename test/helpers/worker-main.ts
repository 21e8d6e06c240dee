import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../../activities/index.js';
import { catalogFeedOpener } from '../../activities/catalog-feed-source.js';
import { channelConnectorLoader, channelOrderSourceLoader, distributorConnectorLoader } from '../../activities/connectors.js';
import { createDb } from '../../db/client.js';
import { createResendSender } from '../../notifications/resend-sender.js';
import { createCredentialsCipher } from '../../security/credentials-cipher.js';
import { dataConverter } from '../../temporal/data-converter.js';
import { startAutoDropship } from '../../temporal/dropship-start.js';
import { createWorkerSet } from '../../temporal/workers.js';
import { WORKFLOWS_PATH } from '../../temporal/workflows-path.js';
import { testConfig } from './config.js';

/**
 * A worker in a process of its own, so a test can SIGKILL it mid-activity. Wired like worker.ts, from
 * the environment the test passes.
 */
const env = (name: string) => process.env[name] ?? (() => { throw new Error(`${name} not set`); })();

const database = createDb(env('TEST_DATABASE_URL'), { max: 3 });
const cipher = createCredentialsCipher(testConfig.credentialKeys);
const connection = await NativeConnection.connect({ address: env('TEST_TEMPORAL_ADDRESS') });
const clientConnection = await Connection.connect({ address: env('TEST_TEMPORAL_ADDRESS') });
const client = new Client({ connection: clientConnection, dataConverter: dataConverter(testConfig.payloadKeys) });
const starter = { client, taskQueue: env('TEST_TASK_QUEUE'), tracking: JSON.parse(env('TEST_TRACKING')) };
const marketplaces = JSON.parse(env('TEST_MARKETPLACE_ENDPOINTS'));
const workers = await createWorkerSet({
  connection,
  taskQueue: env('TEST_TASK_QUEUE'),
  workflows: { workflowsPath: WORKFLOWS_PATH },
  activities: createActivities({
    db: database.db,
    distributorConnector: distributorConnectorLoader(database.db, cipher, JSON.parse(env('TEST_DISTRIBUTOR_ENDPOINTS'))),
    channelConnector: channelConnectorLoader(database.db, cipher, marketplaces),
    startAutoDropship: (start) => startAutoDropship(starter, start),
    channelOrderSource: channelOrderSourceLoader(database.db, cipher, marketplaces),
    openCatalogFeed: catalogFeedOpener(database.db, cipher),
    email: createResendSender({ apiKey: 're_test_key', baseUrl: env('TEST_RESEND_URL') }),
    emailDefaults: { from: 'Dropline <orders@dropline.test>' },
  }),
  dataConverter: dataConverter(testConfig.payloadKeys),
  distributorRates: testConfig.distributorRates,
});
console.log('worker ready');
await workers.run();
await connection.close();
await clientConnection.close();
await database.close();

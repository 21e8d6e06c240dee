import { Connection } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../config.js';
import { temporalConnectionOptions } from '../temporal/connection.js';
import { ensureNamespace } from '../temporal/namespace.js';
import { ensureSearchAttributes } from '../temporal/search-attributes.js';

/**
 * `npm run temporal:namespace`: on a self-hosted cluster, registers Dropline's namespace (with
 * TEMPORAL_NAMESPACE_RETENTION_DAYS) and its search attributes through the operator service, as SQL
 * visibility needs. `npm run prodlike` does the same; docker-compose.yml runs this script once the
 * server is up. The workers register the search attributes again at start-up (a no-op then).
 */
const config = loadConfig();
if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is not set');
const options = await temporalConnectionOptions({ address: config.temporal.address, ...config.temporal.connection });
const connection = await connectWithin(120_000);
try {
  const namespace = await ensureNamespace(connection, config.temporal.namespace, config.temporal.retentionDays);
  await ensureSearchAttributes(connection, config.temporal.namespace);
  console.log(`Namespace "${config.temporal.namespace}" ${namespace} at ${config.temporal.address}; search attributes registered`);
} finally {
  await connection.close();
}

/** Started beside the server (docker-compose.yml), this waits for its frontend to answer. */
async function connectWithin(timeoutMs: number): Promise<Connection> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await Connection.connect({ ...options, connectTimeout: 5000 });
    } catch (error) {
      if (Date.now() > deadline) throw error;
      console.log(`Waiting for the Temporal frontend at ${config.temporal.address}…`);
      await sleep(2000);
    }
  }
}

import { Client, Connection } from '@temporalio/client';
import Fastify from 'fastify';
import { and, eq } from 'drizzle-orm';
import { buildApp } from '../api/app.js';
import { presentPurchaseOrder } from '../api/presenters.js';
import { page } from '../api/schemas/cursor.js';
import { loadConfig } from '../config.js';
import { createDb } from '../db/client.js';
import { searchPurchaseOrders } from '../db/repositories/purchase-orders.js';
import { purchaseOrders } from '../db/schema/index.js';
import { createCredentialsCipher } from '../security/credentials-cipher.js';
import { dataConverter } from '../temporal/data-converter.js';

/**
 * The servers `npm run bench:api` measures, in a process of their own so the load generator does not
 * share their event loop: the real API, and beside it a bare Fastify route doing one indexed query on
 * the same table (and the filtered page's search without the API around it), each with a pool of the
 * same size. Sends their ports to the parent when listening.
 */
const config = loadConfig({ DROPLINE_ENV: 'test' });
const databaseUrl = process.env.BENCH_DATABASE_URL!;
const poolSize = Number(process.env.BENCH_POOL_SIZE);

const connection = await Connection.connect({ address: process.env.BENCH_TEMPORAL_ADDRESS! });
const client = new Client({ connection, dataConverter: dataConverter(config.payloadKeys) });
const apiDatabase = createDb(databaseUrl, { max: poolSize });
const api = await buildApp({
  db: apiDatabase.db,
  credentialsCipher: createCredentialsCipher(config.credentialKeys),
  temporal: client,
  taskQueue: process.env.BENCH_TASK_QUEUE!,
  tracking: { pollIntervalMs: 200, giveUpAfterMs: 3_600_000 },
  workflowAnswerTimeoutMs: 60_000,
  codecServer: null,
});

const baselineDatabase = createDb(databaseUrl, { max: poolSize });
const baseline = Fastify();
baseline.get<{ Querystring: { dealerId: string; poNumber: string } }>('/baseline', async (request) => {
  const [po] = await baselineDatabase.db
    .select()
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.dealerId, request.query.dealerId), eq(purchaseOrders.poNumber, request.query.poNumber)));
  return po ?? null;
});

// The filtered page without the API around it (no key check, no response schema): the same search and
// the same presenter, so the difference to the API's route is what the API adds.
baseline.get<{ Querystring: { dealerId: string; distributor: string; shipped: string; cursor?: string } }>('/baseline/filtered', async (request) => {
  const { dealerId, distributor, shipped, cursor } = request.query;
  const rows = await searchPurchaseOrders(baselineDatabase.db, dealerId, { distributor, shipped: shipped === 'true', after: cursor, limit: 51 });
  const { items, nextCursor } = page(rows, 50);
  return { purchaseOrders: items.map(presentPurchaseOrder), nextCursor };
});

const apiUrl = await api.listen({ host: '127.0.0.1', port: 0 });
const baselineUrl = await baseline.listen({ host: '127.0.0.1', port: 0 });
process.send!({ apiUrl, baselineUrl });

process.once('disconnect', () => {
  void (async () => {
    await Promise.all([api.close(), baseline.close()]);
    await Promise.all([apiDatabase.close(), baselineDatabase.close()]);
    await connection.close();
    process.exit(0);
  })();
});

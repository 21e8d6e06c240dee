import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/client.js';
import { readOperationsFacts, type OperationsFacts } from '../db/repositories/operations-facts.js';
import { DISTRIBUTORS } from '../domain/distributors.js';
import { EXCEPTION_KINDS } from '../domain/exceptions.js';
import { PO_STATUSES } from '../domain/purchase-order.js';
import type { MetricsEndpointDeps } from './deps.js';
import { requireOperatorToken } from './operator-token.js';

/** The route label of a request no route matched (404s, and the dealer UI's pages): never its URL, which could be anything. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * GET /metrics in the Prometheus text format: this process's HTTP requests by route pattern, and the
 * deployment's drop-ships, POs and open exceptions read from Postgres at scrape time (the README's
 * "Metrics" section lists each). Call on the root instance before the routes, so its hook sees them all.
 */
export function registerMetrics(app: FastifyInstance, db: Db, { authToken }: MetricsEndpointDeps) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  countRequests(app, registry);
  reportOperations(registry, db, app.log);
  app.get(
    '/metrics',
    {
      // An operator endpoint, not part of the dealer API the OpenAPI document describes.
      schema: { hide: true },
      onRequest: authToken ? [requireOperatorToken(authToken, 'Send the metrics token as "Authorization: Bearer <METRICS_TOKEN>"')] : [],
    },
    async (_request, reply) => reply.type(registry.contentType).send(await registry.metrics()),
  );
}

/** Request rate, errors (by status class) and latency per route pattern; counted per process, so Prometheus sums the API processes. */
function countRequests(app: FastifyInstance, registry: Registry) {
  const labelNames = ['method', 'route', 'status_class'] as const;
  const requests = new Counter({ name: 'dropline_http_requests_total', help: 'HTTP requests answered, by route pattern', labelNames, registers: [registry] });
  const latency = new Histogram({
    name: 'dropline_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by route pattern',
    labelNames,
    // From a cached read (1 ms) to an Update that waits for its workflow (the API gives up after 10 s).
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = { method: request.method, route: request.routeOptions.url ?? UNMATCHED_ROUTE, status_class: `${Math.floor(reply.statusCode / 100)}xx` };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });
}

/**
 * What the workers did, read from Postgres once per scrape: the workers write it there from any
 * machine, so these totals are right however many workers ran, and every API process reports the same
 * ones (aggregate them with max, not sum). Every known label set is reported, zeros included, so a
 * series exists before its first event. When Postgres cannot be read, these series are left out of
 * that scrape (a counter reported as 0 would look like a reset) and dropline_metrics_postgres_up is 0.
 */
function reportOperations(registry: Registry, db: Db, log: FastifyBaseLogger) {
  let reading: Promise<OperationsFacts | null> | null = null;
  // Every metric below collects during the same scrape: one read serves them all.
  const facts = () =>
    (reading ??= readOperationsFacts(db)
      .catch((error: unknown) => {
        log.warn({ err: error }, '/metrics could not read Postgres');
        return null;
      })
      .finally(() => (reading = null)));

  new Gauge({
    name: 'dropline_metrics_postgres_up',
    help: '1 when this scrape read the drop-ship, PO and exception counts from Postgres, 0 when it could not',
    registers: [registry],
    async collect() {
      this.set((await facts()) ? 1 : 0);
    },
  });
  new Counter({
    name: 'dropline_dropships_started_total',
    help: 'Drop-ships opened (each runs one dropship workflow), by mode',
    labelNames: ['mode'],
    registers: [registry],
    async collect() {
      const read = await facts();
      this.reset();
      if (!read) return;
      const counts = tally(['auto', 'manual'], read.dropshipsByMode, (row) => row.mode);
      for (const [mode, n] of counts) this.inc({ mode }, n);
    },
  });
  new Counter({
    name: 'dropline_purchase_orders_placed_total',
    help: 'Purchase orders the distributor has (submitted, or found there by a lookup), by distributor',
    labelNames: ['distributor'],
    registers: [registry],
    async collect() {
      const read = await facts();
      this.reset();
      if (!read) return;
      const counts = tally(
        DISTRIBUTORS,
        read.purchaseOrders,
        (row) => row.distributor,
        (row) => row.placed,
      );
      for (const [distributor, n] of counts) this.inc({ distributor }, n);
    },
  });
  new Counter({
    name: 'dropline_purchase_orders_failed_total',
    help: 'Purchase orders verified not placed (status failed), by distributor',
    labelNames: ['distributor'],
    registers: [registry],
    async collect() {
      const read = await facts();
      this.reset();
      if (!read) return;
      const failed = read.purchaseOrders.filter((row) => row.status === 'failed');
      for (const [distributor, n] of tally(DISTRIBUTORS, failed, (row) => row.distributor)) this.inc({ distributor }, n);
    },
  });
  new Gauge({
    name: 'dropline_purchase_orders',
    help: 'Purchase orders by distributor and current status (open ones are those not shipped, cancelled, failed, unknown or given_up)',
    labelNames: ['distributor', 'status'],
    registers: [registry],
    async collect() {
      const read = await facts();
      this.reset();
      if (!read) return;
      for (const distributor of new Set([...DISTRIBUTORS, ...read.purchaseOrders.map((row) => row.distributor)])) {
        const rows = read.purchaseOrders.filter((row) => row.distributor === distributor);
        for (const [status, n] of tally(PO_STATUSES, rows, (row) => row.status)) this.set({ distributor, status }, n);
      }
    },
  });
  new Gauge({
    name: 'dropline_exceptions_open',
    help: 'Exceptions waiting for a dealer, by kind (sum them for the total)',
    labelNames: ['kind'],
    registers: [registry],
    async collect() {
      const read = await facts();
      this.reset();
      if (!read) return;
      for (const [kind, n] of tally(EXCEPTION_KINDS, read.openExceptionsByKind, (row) => row.kind)) this.set({ kind }, n);
    },
  });
}

/** Sums `amount` (default: the row's count) by `key`, starting every known key at 0. */
function tally<Row extends { count: number }>(
  known: readonly string[],
  rows: Row[],
  key: (row: Row) => string,
  amount: (row: Row) => number = (row) => row.count,
): Map<string, number> {
  const totals = new Map(known.map((name) => [name, 0]));
  for (const row of rows) totals.set(key(row), (totals.get(key(row)) ?? 0) + amount(row));
  return totals;
}

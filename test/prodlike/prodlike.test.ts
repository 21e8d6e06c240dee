import { Client, Connection } from '@temporalio/client';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleSum } from '../helpers/prometheus.js';
import { loadConfig } from '../../config.js';
import { MARKETPLACES, type Marketplace } from '../../marketplaces/profiles.js';
import { distributorPlugins } from '../../distributors/registry.js';
import { startProdlike, type Prodlike } from '../../runtime/prodlike-stack.js';
import { withDatabase } from '../../runtime/postgres.js';
import { eventually } from '../helpers/eventually.js';

/** Drop-ships in the run (PRODLIKE_DROPSHIPS overrides): half before the kills, half after. */
const DROPSHIPS = Number(process.env.PRODLIKE_DROPSHIPS ?? 30);

interface DropshipState {
  phase: string;
  purchaseOrders: Array<{ poNumber: string; result: { status: string; trackingNumbers: string[] } | null }>;
}

/**
 * The production topology for real (`npm run prodlike`'s stack): the Temporal server on Postgres
 * persistence and visibility, two APIs and two workers as processes of their own. Drop-ships go in
 * through both APIs; one worker and one API are SIGKILLed mid-run and stay dead; the survivors finish
 * every drop-ship with exactly one order per PO at the distributor and one email per package.
 */
describe('production topology on one machine', () => {
  let stack: Prodlike;
  let dataDir = '';
  const output: string[] = [];
  const timings: Record<string, number> = {};
  const started = Date.now();

  beforeAll(async () => {
    // Under the repository, not /tmp: as root, Postgres runs as another user who must reach the folder.
    await mkdir('.data', { recursive: true });
    dataDir = await mkdtemp(path.resolve('.data', 'prodlike-test-'));
    await chmod(dataDir, 0o755);
    // Every port 0: each part takes a free one as it starts (ports picked up front could be taken by then on a shared machine).
    const sandboxPorts = {
      distributors: Object.fromEntries(distributorPlugins().map((plugin) => [plugin.profile.id, 0])),
      resendPort: 0,
      marketplacePorts: Object.fromEntries(MARKETPLACES.map((m) => [m, 0])) as Record<Marketplace, number>,
    };
    stack = await startProdlike({
      config: loadConfig({ DROPLINE_ENV: 'development' }),
      dataDir,
      ports: { postgres: 0, temporal: 0, apis: [0, 0], sandboxes: sandboxPorts },
      workers: 2,
      shipAfterMs: 1000,
      restartExited: false,
      // Tracking every second; WPS's cautious 5 calls/s would make the run wait on its own rate limit.
      env: { TRACKING_POLL_INTERVAL_SECONDS: '1', DISTRIBUTOR_RATE_LIMITS: 'wps=100' },
      log: (line) => output.push(`[prodlike] ${line}`),
      output: (name, line) => output.push(`[${name}] ${line}`),
    });
    timings.startSeconds = (Date.now() - started) / 1000;
  });

  afterAll(async () => {
    await stack?.stop();
    // Every process's output, for reading after a failure (artifacts/ is git-ignored).
    await mkdir('artifacts', { recursive: true });
    await writeFile('artifacts/prodlike.log', output.join('\n'));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    console.log(`prodlike timings (s): ${JSON.stringify({ ...timings, totalSeconds: (Date.now() - started) / 1000 })}`);
  });

  it('completes every drop-ship with one order per PO and one email per package after a worker and an API are killed', async () => {
    const [api1, api2] = stack.apis;
    const [worker1, worker2] = stack.workers;
    const auth = { authorization: `Bearer ${stack.apiKey}`, 'content-type': 'application/json' };
    const post = async (api: string, route: string, body: unknown) => {
      const response = await fetch(`${api}${route}`, { method: 'POST', headers: auth, body: JSON.stringify(body) });
      expect(response.status, `${route}: ${await response.clone().text()}`).toBe(201);
      return (await response.json()) as { id: string };
    };
    const dropships: Array<{ id: string; buyerEmail: string }> = [];
    const startDropship = async (i: number, api: string) => {
      const buyerEmail = `rider-${i}@prodlike.example`;
      const order = await post(api, '/v1/orders', {
        channelOrderId: `PRODLIKE-${i}`,
        buyer: { name: `Rider ${i}`, email: buyerEmail },
        shipTo: { name: `Rider ${i}`, line1: `${i} Main St`, city: 'Boise', region: 'ID', postalCode: '83702', country: 'US' },
        shippingRateName: 'Standard Shipping',
        lines: [
          { sku: 'HELMET-MX-M', title: 'MX helmet, medium', quantity: 1, unitPrice: 129.95 },
          { sku: 'OIL-FILTER-204', title: 'Oil filter', quantity: 1, unitPrice: 12.95 },
        ],
      });
      // The demo dealer auto-processes: posting the order starts its drop-ship.
      const dropship = await eventually(async () => {
        const response = await fetch(`${api}/v1/orders/${order.id}`, { headers: auth });
        return ((await response.json()) as { dropships: Array<{ id: string }> }).dropships[0];
      }, `order ${i}'s drop-ship`);
      dropships.push({ id: dropship.id, buyerEmail });
    };
    const placedOrders = () => stack.sandboxes.distributors.flatMap(({ plugin, sandbox }) => plugin.sandbox.orders(sandbox));

    // First half through both APIs, alternately.
    const firstHalf = Math.ceil(DROPSHIPS / 2);
    await Promise.all(Array.from({ length: firstHalf }, (_, i) => startDropship(i, (i % 2 === 0 ? api1 : api2)!.url!)));
    // Mid-run: some POs are at the distributor, the rest are being placed or tracked.
    await eventually(async () => placedOrders().length >= 3, 'the first orders at the distributor', 120_000);
    const placedAtKill = placedOrders().length;
    worker1!.current().kill('SIGKILL');
    api1!.current().kill('SIGKILL');
    await eventually(async () => worker1!.current().signalCode === 'SIGKILL' && api1!.current().signalCode === 'SIGKILL', 'the killed processes to exit');
    timings.killedAtSeconds = (Date.now() - started) / 1000;
    await expect(fetch(`${api1!.url}/healthz`)).rejects.toThrow();

    // The rest through the API that is left, as a load balancer would route them.
    await Promise.all(Array.from({ length: DROPSHIPS - firstHalf }, (_, i) => startDropship(firstHalf + i, api2!.url!)));

    const states = new Map<string, DropshipState>();
    await eventually(
      async () => {
        for (const { id } of dropships) {
          if (states.get(id)?.phase === 'completed') continue;
          const response = await fetch(`${api2!.url}/v1/dropships/${id}`, { headers: auth });
          states.set(id, (await response.json()) as DropshipState);
        }
        return [...states.values()].every((state) => state.phase === 'completed');
      },
      () => `every drop-ship to complete; phases: ${JSON.stringify([...states.values()].map((s) => s.phase))}\n${output.slice(-40).join('\n')}`,
      10 * 60_000,
    );
    timings.allCompletedSeconds = (Date.now() - started) / 1000;
    expect(placedAtKill).toBeLessThan(DROPSHIPS);

    // Exactly one order per PO at the distributors, and nothing else ordered.
    const poNumbers = [...states.values()].flatMap((state) => state.purchaseOrders.map((po) => po.poNumber));
    expect(new Set(poNumbers).size).toBe(poNumbers.length);
    const ordered = placedOrders().map((order) => order.poNumber);
    expect(ordered.sort()).toEqual([...poNumbers].sort());

    // Each PO shipped as one package; its buyer got exactly one email naming its tracking number.
    const emails = stack.sandboxes.resend.state.emails;
    for (const { id, buyerEmail } of dropships) {
      const state = states.get(id)!;
      const trackingNumbers = state.purchaseOrders.flatMap((po) => po.result?.trackingNumbers ?? []);
      expect(state.purchaseOrders.map((po) => po.result?.status)).toEqual(state.purchaseOrders.map(() => 'shipped'));
      expect(trackingNumbers).toHaveLength(state.purchaseOrders.length);
      const toBuyer = emails.filter((email) => email.to.includes(buyerEmail));
      expect(toBuyer).toHaveLength(trackingNumbers.length);
      for (const trackingNumber of trackingNumbers) expect(toBuyer.filter((email) => email.text?.includes(trackingNumber))).toHaveLength(1);
    }

    // The survivors carried the run; the killed ones stayed dead.
    expect([worker2!.current().exitCode, api2!.current().exitCode]).toEqual([null, null]);
    expect([worker1!.restarts, api1!.restarts]).toEqual([0, 0]);

    // Each process's metrics: the surviving API reads the business figures from Postgres (so they count
    // what every worker did), the surviving worker's Temporal SDK figures count what it did itself.
    const apiMetrics = await (await fetch(`${api2!.url}/metrics`)).text();
    expect(sampleSum(apiMetrics, 'dropline_dropships_started_total')).toBe(DROPSHIPS);
    expect(sampleSum(apiMetrics, 'dropline_purchase_orders_placed_total')).toBe(poNumbers.length);
    const workerMetrics = await (await fetch(worker2!.url!)).text();
    expect(sampleSum(workerMetrics, 'temporal_activity_task_received')).toBeGreaterThan(0);

    // Visibility is the server's Postgres store, queried by Dropline's custom search attributes.
    const connection = await Connection.connect({ address: stack.temporalAddress });
    try {
      const client = new Client({ connection });
      const { count } = await client.workflow.count(`WorkflowType = 'dropship' AND DealerId = '${stack.dealerId}' AND DropshipStatus = 'completed'`);
      expect(count).toBe(DROPSHIPS);
    } finally {
      await connection.close();
    }
    const sql = postgres(withDatabase(stack.serverUrl, 'temporal_visibility'), { max: 1, onnotice: () => {} });
    try {
      const [row] = await sql<Array<{ count: string }>>`select count(*) from executions_visibility where workflow_type_name = 'dropship'`;
      expect(Number(row!.count)).toBe(DROPSHIPS);
    } finally {
      await sql.end();
    }
  });
});

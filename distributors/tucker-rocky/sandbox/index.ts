import { z } from 'zod';
import { CARRIERS } from '../../carriers.js';
import { controlItem, controlLineMoves, createSandbox, isControl } from '../../../sandboxes/control.js';
import { faultsChange, installFaults, noFaults } from '../../../sandboxes/faults.js';
import { OUTPUT, TRWS_PATH } from '../contract.js';
import { createTuckerRockyStore, type TrwsQuery, type TuckerRockySandboxOptions } from './store.js';

/**
 * An in-memory imitation of Tucker Rocky's TRWS web service (ORD, SHP and INV on `GET /bin/trws`),
 * for local runs and tests, plus a `/_control` API to ship, backorder and cancel orders and to inject
 * faults. Every TRWS call shares one path, so a once-only fault names its call by query parameter,
 * e.g. `{"loseResponseOnce": {"method": "GET", "path": "/bin/trws", "query": {"type": "ORD"}}}`.
 */

export {
  TUCKER_SANDBOX_API_KEY,
  TUCKER_SANDBOX_CUSTOMER_NUMBER,
  TUCKER_SANDBOX_NO_CARD_API_KEY,
  TUCKER_SANDBOX_NO_CARD_CUSTOMER_NUMBER,
  type TuckerRockySandboxOptions,
} from './store.js';

/** A package a ship request may name. */
const controlPackage = z.object({
  items: z.array(controlItem).min(1).optional(),
  tracking_number: z.string().min(1).optional(),
  carrier: z.enum(CARRIERS).optional(),
});

/** How Tucker's web server answers a 429 or 500 is not public; plain text, as a CGI's server would. */
const FAULT_ANSWERS = {
  rateLimitedBody: 'Too Many Requests',
  serverErrorBody: 'Internal Server Error',
  malformedBody: '{"ORD":{"status":"SUCC',
};

/** What a call carried, without the API key, for tests to check what the connector sent. */
export interface TrwsCallRecord {
  type: string;
  params: Array<[string, string]>;
}

export function createTuckerRockySandbox(options: TuckerRockySandboxOptions = {}) {
  const store = createTuckerRockyStore(options);
  const calls: TrwsCallRecord[] = [];
  const sandbox = createSandbox({
    noFaults,
    installFaults: (app, faults, requests) => installFaults(app, faults, requests, { isApi: (request) => !isControl(request), ...FAULT_ANSWERS }),
  });
  const { app } = sandbox;

  app.get<{ Querystring: TrwsQuery }>(TRWS_PATH, async (request, reply) => {
    const query = request.query;
    const params = Object.entries(query)
      .filter(([name]) => name !== 'apikey')
      .flatMap(([name, value]) => [value ?? []].flat().map((one): [string, string] => [name, one]));
    calls.push({ type: String([query.type].flat()[0] ?? ''), params });
    // Only the JSON flavour is imitated; TRWS would presumably answer XML.
    if ([query.output].flat()[0]?.toUpperCase() !== OUTPUT) {
      return reply.code(400).type('text/plain').send('Only output=JSON is imitated');
    }
    return store.answer(query);
  });

  controlLineMoves(app, {
    package: controlPackage,
    store,
    answer: (po) => ({ orders: store.ordersOf(po) }),
  });

  app.get<{ Querystring: { po?: string } }>('/_control/orders', async (request) => {
    const { po } = request.query;
    return { orders: po ? store.orders.filter((order) => order.po.toUpperCase() === po.toUpperCase()) : store.orders };
  });

  sandbox.controlFaults(faultsChange, { key: 'faults' });
  sandbox.controlReset(() => {
    store.reset();
    calls.length = 0;
  });

  return sandbox.serve({ orders: store.orders, calls });
}

export type TuckerRockySandbox = ReturnType<typeof createTuckerRockySandbox>;

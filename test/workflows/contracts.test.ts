import { describe, expect, it } from 'vitest';
import { CATALOG_FEED_IMPORT_WORKFLOW } from '../../workflows/contracts/catalog-feed-import.js';
import { CHANNEL_ORDER_IMPORT_WORKFLOW } from '../../workflows/contracts/channel-order-import.js';
import { DEALER_DIGEST_WORKFLOW } from '../../workflows/contracts/dealer-digest.js';
import { DISTRIBUTOR_TRACKING_WORKFLOW } from '../../workflows/contracts/distributor-tracking.js';
import { DROPSHIP_WORKFLOW } from '../../workflows/contracts/dropship.js';
import { PURCHASE_ORDER_WORKFLOW } from '../../workflows/contracts/purchase-order.js';
import { CHANNEL_CONNECTION_TEST_WORKFLOW, CONNECTION_TEST_WORKFLOW } from '../../workflows/contracts/test-connection.js';
import * as registered from '../../workflows/index.js';

/** Callers start workflows by the name in their contract; the worker registers them by export name. */
describe('workflow contracts', () => {
  it('name exactly the workflows the worker registers', () => {
    const contracted = [
      CATALOG_FEED_IMPORT_WORKFLOW,
      CHANNEL_ORDER_IMPORT_WORKFLOW,
      DEALER_DIGEST_WORKFLOW,
      DISTRIBUTOR_TRACKING_WORKFLOW,
      DROPSHIP_WORKFLOW,
      PURCHASE_ORDER_WORKFLOW,
      CONNECTION_TEST_WORKFLOW,
      CHANNEL_CONNECTION_TEST_WORKFLOW,
    ];
    expect(Object.keys(registered).sort()).toEqual([...contracted].sort());
    for (const name of contracted) expect(typeof (registered as Record<string, unknown>)[name]).toBe('function');
  });
});

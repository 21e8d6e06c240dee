/** Every workflow the worker runs (the worker's workflowsPath points here). */
export { catalogFeedImport } from './catalog-feed-import.js';
export { dealerDigest } from './dealer-digest.js';
export { channelOrderImport } from './channel-order-import.js';
export { distributorTracking } from './distributor-tracking.js';
export { dropship } from './dropship.js';
export { purchaseOrder } from './purchase-order.js';
export { testChannelConnection, testDistributorConnection } from './test-connection.js';

import { catalogFeedActivities } from './catalog-feed.js';
import { channelOrderActivities } from './channel-orders.js';
import type { ActivityDeps } from './deps.js';
import { digestActivities } from './digest.js';
import { dropshipActivities } from './dropship.js';
import { notificationActivities } from './notifications.js';
import { poResolutionActivities } from './po-resolution.js';
import { poProgressActivities } from './po-progress.js';
import { purchaseOrderActivities } from './purchase-order.js';
import { connectionTestActivities } from './test-connection.js';
import { trackingActivities } from './tracking.js';

export type { ActivityDeps } from './deps.js';

/** Builds every activity from injected dependencies; the worker passes real ones. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...dropshipActivities(deps),
    ...purchaseOrderActivities(deps),
    ...poResolutionActivities(deps),
    ...notificationActivities(deps),
    ...connectionTestActivities(deps),
    ...catalogFeedActivities(deps),
    ...digestActivities(deps),
    ...channelOrderActivities(deps),
    ...poProgressActivities(deps),
    ...trackingActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;

import { accountMissing, type AccountOnFile } from './account-readiness.js';
import { DISTRIBUTOR_NAMES, DISTRIBUTORS, type DistributorId } from './distributors.js';

/** What the dealer's rows say about each step of setting up. */
export interface SetupFacts {
  distributorAccounts: Array<AccountOnFile & { distributor: DistributorId }>;
  channelsConnected: number;
  ordersReceived: number;
  feedsImported: number;
  shippingMappings: number;
  notificationEmail: string | null;
}

export const SETUP_STEPS = ['distributor', 'channel', 'catalog_feed', 'shipping', 'notification_email'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export interface SetupItem {
  step: SetupStep;
  title: string;
  done: boolean;
  /** What is missing (when not done) or what is in place, as a sentence. */
  detail: string;
  /** The settings page that does it. */
  href: string;
}

/**
 * The first-run checklist: what a dealer still needs before an order can be drop-shipped, in the
 * order they are best done. A distributor account counts once it is ready (the routing rules of
 * domain/eligibility.ts); a channel counts once connected, or once any order has come in (by API).
 */
export function setupChecklist(facts: SetupFacts): SetupItem[] {
  const ready = facts.distributorAccounts.filter((account) => accountMissing(account.distributor, account).length === 0);
  const started = facts.distributorAccounts.filter((account) => account.configured);
  const firstGap = started.map((account) => accountMissing(account.distributor, account)[0]).find(Boolean);
  return [
    {
      step: 'distributor',
      title: 'Connect a distributor account',
      done: ready.length > 0,
      detail:
        ready.length > 0
          ? `Ready: ${ready.map((account) => DISTRIBUTOR_NAMES[account.distributor]).join(', ')}`
          : (firstGap ?? `Save your credentials with one of ${DISTRIBUTORS.map((d) => DISTRIBUTOR_NAMES[d]).join(', ')}`),
      href: '/settings/distributors',
    },
    {
      step: 'channel',
      title: 'Connect a sales channel',
      done: facts.channelsConnected > 0 || facts.ordersReceived > 0,
      detail:
        facts.channelsConnected > 0
          ? `${facts.channelsConnected} connected`
          : facts.ordersReceived > 0
            ? 'Orders are arriving through the API'
            : 'Connect eBay, Amazon or Shopify, or send orders to POST /v1/orders',
      href: '/settings/channels',
    },
    {
      step: 'catalog_feed',
      title: 'Import a distributor catalog feed',
      done: facts.feedsImported > 0,
      detail: facts.feedsImported > 0 ? 'Prices and stock are in' : 'Set up a price and inventory feed and import it, so orders can be matched to parts',
      href: '/settings/feeds',
    },
    {
      step: 'shipping',
      title: 'Map your shipping rates',
      done: facts.shippingMappings > 0,
      detail: facts.shippingMappings > 0 ? `${facts.shippingMappings} mapped` : 'Map each channel shipping rate to a distributor shipping method',
      href: '/settings#shipping',
    },
    {
      step: 'notification_email',
      title: 'Say where your notices go',
      done: facts.notificationEmail !== null,
      detail: facts.notificationEmail ?? 'Add the email address that gets reminders, failures and the daily digest',
      href: '/settings#email',
    },
  ];
}

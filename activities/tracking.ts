import { ApplicationFailure } from '@temporalio/activity';
import { oldestOpenPoSubmittedAt, recordedOpenPos, saveTrackingPage, trackingCursor } from '../db/repositories/tracking.js';
import { closeExceptionByCause, raiseException } from '../db/repositories/exceptions.js';
import { calendarDay, listingRefusalCause, reportIsNews } from '../domain/batched-tracking.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import type { DistributorReport } from '../domain/purchase-order.js';
import { DistributorError, type DistributorPurchaseOrder } from '../distributors/types.js';
import type { ActivityDeps } from './deps.js';
import { attemptLimits, DEFAULT_CALL_BUDGET } from './distributor-attempt.js';
import { adapterCall } from './failures.js';
import { withHeartbeat } from './heartbeat.js';

export interface TrackingAccount {
  dealerId: string;
  distributor: DistributorId;
}

/** What one page of an account's listing did: no buyer data. */
export interface TrackingPage {
  /** The window of order days the page belongs to; null when the account has no open PO (nothing was listed). */
  window: { from: string; to: string } | null;
  listed: number;
  /** POs whose report differed from Postgres and whose workflow was told. */
  signalled: number;
  /** True when the window is listed to its end. */
  done: boolean;
}

/** Signals are sent this many at a time: a page of news reaches its POs in a few round trips. */
const SIGNALS_AT_ONCE = 20;

/** The account-wide tracking of distributors that list orders by date (workflows/distributor-tracking.ts). */
export function trackingActivities({ db, distributorConnector, signalPurchaseOrder, distributorCalls = DEFAULT_CALL_BUDGET }: ActivityDeps) {
  return {
    /**
     * Lists one page of the account's orders and tells each PO whose report differs from what
     * Postgres holds (status, packages, cancelled and backordered quantities) what the distributor
     * now says. The window runs from the oldest open PO's order day to today and is fixed when its
     * first page is read; the position is saved after each page's news is sent, so a crashed run
     * resumes at the page it was on. Telling a PO twice is harmless: its workflow compares with its own state.
     */
    async listTrackingPage(account: TrackingAccount): Promise<TrackingPage> {
      // Heartbeats let a crashed worker's page be retried within the heartbeat timeout.
      return withHeartbeat(() => listPage(account));
    },

    /**
     * The distributor refuses the account's listing (credentials, account set-up): the dealer sees one
     * open exception for the account, whichever run met it first, until a listing works again.
     */
    async listingRefused({ dealerId, distributor, reason, runId }: TrackingAccount & { reason: string; runId: string }) {
      const name = DISTRIBUTOR_NAMES[distributor];
      const cause = listingRefusalCause(dealerId, distributor);
      await raiseException(db, {
        dealerId,
        kind: 'distributor_account',
        key: `${cause}:${runId}`,
        cause,
        message: `${name} refuses to list your orders to Dropline: ${reason.replace(/\.$/, '')}. Dropline cannot see your open ${name} purchase orders ship until ${name} answers again (each still checks on itself once a day). Fix or reconnect your ${name} account in Settings; tracking resumes by itself.`,
      });
    },

    /** A listing went through: the account's refusal, if one was open, is over. */
    async listingWorks({ dealerId, distributor }: TrackingAccount) {
      await closeExceptionByCause(db, dealerId, listingRefusalCause(dealerId, distributor), `${DISTRIBUTOR_NAMES[distributor]} lists your orders again`);
    },
  };

  async function listPage({ dealerId, distributor }: TrackingAccount): Promise<TrackingPage> {
    const cursor = await trackingCursor(db, dealerId, distributor);
    const resumed = cursor.windowFrom !== null && cursor.windowTo !== null;
    let window = resumed ? { from: cursor.windowFrom!, to: cursor.windowTo! } : null;
    if (!window) {
      const oldest = await oldestOpenPoSubmittedAt(db, dealerId, distributor);
      if (!oldest) return { window: null, listed: 0, signalled: 0, done: true };
      // A day early: a US distributor's calendar is a day behind UTC for part of every day.
      window = { from: calendarDay(oldest, -1), to: calendarDay(new Date()) };
    }
    const connector = await adapterCall(() => distributorConnector(dealerId, distributor));
    const list = connector.listPurchaseOrders?.bind(connector);
    if (!connector.capabilities.listOrders || !list) {
      throw ApplicationFailure.create({ type: 'ListingUnsupported', message: `${DISTRIBUTOR_NAMES[distributor]} cannot list orders`, nonRetryable: true });
    }
    const page = resumed ? (cursor.nextPage ?? undefined) : undefined;
    const listedAt = new Date().toISOString();
    const limits = attemptLimits(distributorCalls);
    const listed = await adapterCall(() =>
      list({ ...window, page }, limits).catch((error: unknown) => {
        // A page reference kept across a crash may have expired: the window is listed again from its start.
        if (page && error instanceof DistributorError && error.kind === 'rejected') return list(window, limits);
        throw error;
      }),
    );
    const recorded = await recordedOpenPos(
      db,
      dealerId,
      distributor,
      listed.orders.map((order) => order.poNumber),
    );
    const news = listed.orders.filter((order) => {
      const known = recorded.get(order.poNumber);
      return known !== undefined && reportIsNews(order, known);
    });
    let signalled = 0;
    for (let start = 0; start < news.length; start += SIGNALS_AT_ONCE) {
      const told = await Promise.all(
        news.slice(start, start + SIGNALS_AT_ONCE).map((order) => signalPurchaseOrder(dealerId, order.poNumber, { report: reportOf(order), listedAt })),
      );
      signalled += told.filter(Boolean).length;
    }
    await saveTrackingPage(db, dealerId, distributor, window, listed.nextPage);
    return { window, listed: listed.orders.length, signalled, done: listed.nextPage === null };
  }
}

/** The report without the distributor's order numbers, which the PO workflow does not need. */
export function reportOf({ poNumber, status, shipments, cancelled, backordered }: DistributorPurchaseOrder): DistributorReport {
  return { poNumber, status, shipments, cancelled, backordered };
}

import * as wf from '@temporalio/workflow';
import { ActivityFailure, ApplicationFailure, RetryState, TimeoutFailure } from '@temporalio/common';
import type { Activities } from '../activities/index.js';
import { SYSTEM, type Actor } from '../domain/actor.js';
import { SUBMISSION_HEARTBEAT_TIMEOUT_MS, SUBMISSION_START_TO_CLOSE_MS } from '../domain/distributor-calls.js';
import { DISTRIBUTOR_NAMES } from '../domain/distributors.js';
import type { ExceptionKind } from '../domain/exceptions.js';
import type { FailoverTrigger } from '../domain/failover.js';
import { giveUpSummary } from '../domain/po-progress.js';
import {
  FINAL_PO_STATUSES,
  reportsKey,
  type ListedReport,
  type PlacementCheck,
  type PoChange,
  type PoStatus,
  type SubmissionFacts,
  type TrackingBlocked,
} from '../domain/purchase-order.js';
import { contentsKey, type SkuQuantity } from '../domain/shipped-quantities.js';
import {
  listedReportSignal,
  purchaseOrderStatusQuery,
  requestCancellationUpdate,
  type CancellationInput,
  type PurchaseOrderInput,
  type PurchaseOrderState,
} from './contracts/purchase-order.js';
import { AT_DISTRIBUTOR } from '../domain/po-actions.js';
import { poStatusPhrase } from '../domain/status-words.js';
import { SEARCH_ATTRIBUTES } from './search-attributes.js';
import { watchShipBy } from './ship-by-watch.js';
import { distributorTaskQueue } from './task-queues.js';

/** Patch ids: each marks a path that running workflows, started before it, must keep taking. */
export const PO_PATCHES = {
  /** A failed submission is looked up once more before it is called failed; unknown when it cannot be. */
  verifyBeforeFailed: 'po-verify-before-failed',
  /** Dealer alerts open their exception first and send their email beside the PO, best effort. */
  bestEffortAlerts: 'po-best-effort-alerts',
  /** Distributor cancellations and backorders open exceptions and may fail over; cancel requests are reconciled. */
  resolution: 'po-resolution',
  /** The give-up says which lines shipped and which did not, read from Postgres. */
  giveUpSummary: 'po-give-up-summary',
  /** A PO of a distributor that lists orders waits for its account's tracking poller, with a slow safety check of its own. */
  batchedTracking: 'po-batched-tracking',
} as const;

const DISTRIBUTOR: Actor = { type: 'distributor' };
const DAY_MS = 86_400_000;

// Postgres writes are local activities: short and idempotent (keyed upserts), no task-queue round trip.
const records = wf.proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// Transient distributor trouble is retried for days; the lookup-before-submit inside the activity
// makes every retry safe even when an earlier attempt reached the distributor.
const submission = (input: PurchaseOrderInput) =>
  wf.proxyActivities<Activities>({
    taskQueue: distributorTaskQueue(wf.workflowInfo().taskQueue, input.distributor),
    // Long enough for a many-line PO at a slow distributor; the attempt ends its own calls before it.
    startToCloseTimeout: SUBMISSION_START_TO_CLOSE_MS,
    // The activity heartbeats while calls get answered, so a crashed worker or a stuck call is noticed in seconds.
    heartbeatTimeout: SUBMISSION_HEARTBEAT_TIMEOUT_MS,
    scheduleToCloseTimeout: input.submitGiveUpAfterMs ?? 3 * DAY_MS,
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '15 minutes' },
  });

const verification = (input: PurchaseOrderInput) =>
  wf.proxyActivities<Activities>({
    taskQueue: distributorTaskQueue(wf.workflowInfo().taskQueue, input.distributor),
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: input.verifyWithinMs ?? 10 * 60_000,
    retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute' },
  });

// A cancellation request reaches the distributor within the hour or is called unknown; a repeat is harmless.
const cancelling = (input: PurchaseOrderInput) =>
  wf.proxyActivities<Activities>({
    taskQueue: distributorTaskQueue(wf.workflowInfo().taskQueue, input.distributor),
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: '1 hour',
    retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
  });

// The safety check of a PO tracked by listing: one lookup, retried within the hour; the next check tries again.
const checking = (input: PurchaseOrderInput) =>
  wf.proxyActivities<Activities>({
    taskQueue: distributorTaskQueue(wf.workflowInfo().taskQueue, input.distributor),
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: '1 hour',
    retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
  });

// Buyer emails and channel pushes retry for a day: providers rate-limit and have outages.
const delivery = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '1 day',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

// A dealer alert email is best effort: no provider outage may keep the PO open for long.
const alerts = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '10 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes' },
});

type Alert = { kind: ExceptionKind; subject: string; message: string; key: string };

/**
 * One purchase order with one distributor: submit it exactly once, track it until every line has
 * shipped or been cancelled (or the give-up horizon passes), and tell the buyer, the order and the
 * sales channel about each package. Whatever the distributor does, the workflow ends in a PO status
 * the dealer can read, never in a failure.
 */
export async function purchaseOrder(input: PurchaseOrderInput): Promise<PurchaseOrderState> {
  const state: PurchaseOrderState = {
    poNumber: input.poNumber,
    distributor: input.distributor,
    status: 'pending',
    trackingNumbers: [],
    failureReason: null,
    giveUpAt: null,
  };
  wf.setHandler(purchaseOrderStatusQuery, () => state);
  const po = new PurchaseOrderRun(input, state);
  po.listen();
  // Runs beside placing and tracking; awaited so its exception is closed before the run ends.
  const shipByWatch = watchShipBy(input, state);
  if (await po.place()) await po.track();
  await po.finish();
  await shipByWatch;
  await wf.condition(wf.allHandlersFinished);
  return state;
}

class PurchaseOrderRun {
  private readonly ref: { dealerId: string; poNumber: string };
  private readonly distributorName: string;
  private transitions = 0;
  private blockedEpisodes = 0;
  private readonly alertEmails: Array<Promise<void>> = [];
  /** Work running beside tracking (a cancellation request, a backorder's failover clock), finished before the PO ends. */
  private readonly sideWork: Array<Promise<void>> = [];
  /** The distributor's cancelled and backordered quantities as last handled. */
  private reports = reportsKey({ cancelled: [], backordered: [] });
  private lastCancelled = '';
  private lastBackordered = '';
  /**
   * Whether this run follows the distributor's cancelled and backordered quantities (PO_PATCHES.resolution),
   * as last asked in track(): the poll then counts a new report as news even when the status stays.
   */
  private followsReports = false;
  /** Whether the PO waits for its account's tracking poller instead of polling (PO_PATCHES.batchedTracking), decided in track(). */
  private listing = false;
  /** The newest report the tracking poller sent that is not taken in yet. */
  private listed: ListedReport | null = null;
  /** When the newest report taken in was read at the distributor (ISO 8601): an older one is stale. */
  private seenUntil = '';

  constructor(
    private readonly input: PurchaseOrderInput,
    private readonly state: PurchaseOrderState,
  ) {
    this.ref = { dealerId: input.dealerId, poNumber: input.poNumber };
    this.distributorName = DISTRIBUTOR_NAMES[input.distributor];
  }

  /** The dealer's request to cancel what has not shipped, taken while the PO is at the distributor; and the tracking poller's reports. */
  listen(): void {
    if (this.input.tracking === 'listing') {
      // Reports are whole snapshots: the newest supersedes any not taken in yet.
      wf.setHandler(listedReportSignal, (news) => {
        if (!this.listed || news.listedAt > this.listed.listedAt) this.listed = news;
      });
    }
    wf.setHandler(requestCancellationUpdate, (request) => this.requestCancellation(request), {
      validator: (_request: CancellationInput) => {
        const status = this.state.status;
        if (this.state.cancellationRequested)
          throw ApplicationFailure.nonRetryable('Cancellation of this purchase order has already been requested', 'InvalidState');
        if (!AT_DISTRIBUTOR.has(status))
          throw ApplicationFailure.nonRetryable(
            `A purchase order that ${poStatusPhrase(status)} has nothing left to cancel at the distributor`,
            'InvalidState',
          );
      },
    });
  }

  /** Submits the PO; true when it is at the distributor, false when it ended failed or unknown. */
  async place(): Promise<boolean> {
    const { poNumber } = this.input;
    try {
      await submission(this.input).submitPurchaseOrder(this.ref);
    } catch (error) {
      if (!wf.patched(PO_PATCHES.verifyBeforeFailed)) return this.failWithoutLookup(error);
      return this.settleFailedSubmission(error);
    }
    await this.setStatus('submitted', `PO ${poNumber} is with ${this.distributorName}; tracking started`, SYSTEM);
    await this.closeEarlierAttempts();
    return true;
  }

  /** A retry that got the PO placed (or found it placed) closes what the earlier attempts put in front of the dealer. */
  private async closeEarlierAttempts(): Promise<void> {
    const attempt = this.input.attempt ?? 1;
    for (let earlier = 1; earlier < attempt; earlier += 1) {
      for (const base of ['po-failed', 'po-unknown']) {
        await records.closeException({
          dealerId: this.input.dealerId,
          key: this.attemptKey(base, earlier),
          why: `PO ${this.input.poNumber} is placed after a retry`,
        });
      }
    }
  }

  /** Each attempt's exception is its own: a retry that fails again is news, not a repeat of the first. */
  private attemptKey(base: string, attempt = this.input.attempt ?? 1): string {
    const key = `${base}:${this.input.dealerId}:${this.input.poNumber}`;
    return attempt > 1 ? `${key}:${attempt}` : key;
  }

  /**
   * A submission that gave up may still have reached the distributor (a lost answer, then days of
   * errors). It is failed only when a lookup by PO number found nothing, and unknown when no lookup
   * could be made.
   */
  private async settleFailedSubmission(error: unknown): Promise<boolean> {
    const { poNumber } = this.input;
    const reason = failureMessage(error);
    const facts = submissionFacts(error);
    if (facts?.verifiedAbsentAt) return this.fail(reason, facts.verifiedAbsentAt);
    let check: PlacementCheck;
    try {
      check = await verification(this.input).verifyPlacement(this.ref);
    } catch (lookupError) {
      if (facts?.nothingSent) return this.fail(reason, null);
      const why = `${reason}; and ${this.distributorName} could not be asked whether PO ${poNumber} arrived (${failureMessage(lookupError)})`;
      this.state.failureReason = why;
      await this.setStatus('unknown', `Dropline cannot tell whether PO ${poNumber} reached ${this.distributorName}: ${why}`, SYSTEM, { failureReason: why });
      await this.alert({
        kind: 'po_unknown',
        subject: `Check PO ${poNumber} with ${this.distributorName}`,
        message: `Dropline could not verify whether PO ${poNumber} was placed with ${this.distributorName}: ${why}. Please check with ${this.distributorName} before ordering these parts again.`,
        key: this.attemptKey('po-unknown'),
      });
      return false;
    }
    if (!check.placed) return this.fail(reason, check.checkedAt);
    await this.setStatus('submitted', `PO ${poNumber} was found at ${this.distributorName} after all; tracking started`, SYSTEM);
    return true;
  }

  /** Records a verified "not placed": `verifiedAt` is when a lookup found nothing; null when nothing was ever sent. */
  private async fail(reason: string, verifiedAt: string | null): Promise<false> {
    const { poNumber } = this.input;
    const proof = verifiedAt ? `not placed (verified at ${verifiedAt})` : 'not placed (nothing was sent)';
    const failureReason = `${reason.replace(/\.$/, '')}; ${proof}`;
    this.state.failureReason = failureReason;
    await this.setStatus('failed', `PO ${poNumber} was not placed with ${this.distributorName}: ${failureReason}`, SYSTEM, { failureReason });
    await this.alert({
      kind: 'po_failed',
      subject: `PO ${poNumber} was not placed with ${this.distributorName}`,
      message: `PO ${poNumber} could not be placed with ${this.distributorName}: ${failureReason}`,
      key: this.attemptKey('po-failed'),
    });
    if (wf.patched(PO_PATCHES.resolution)) await this.failOver('refused');
    return false;
  }

  /** The path of workflows started before the final lookup existed. */
  private async failWithoutLookup(error: unknown): Promise<false> {
    const { poNumber } = this.input;
    const reason = failureMessage(error);
    this.state.failureReason = reason;
    await this.setStatus('failed', `${this.distributorName} did not accept PO ${poNumber}: ${reason}`, SYSTEM, { failureReason: reason });
    await this.alert({
      kind: 'po_failed',
      subject: `PO ${poNumber} was not placed with ${this.distributorName}`,
      message: `PO ${poNumber} could not be placed with ${this.distributorName}: ${reason}`,
      key: `po-failed:${this.input.dealerId}:${poNumber}`,
    });
    return false;
  }

  /** Follows the PO at the distributor until it is finished or the give-up horizon passes. */
  async track(): Promise<void> {
    const { poNumber } = this.input;
    this.state.giveUpAt = Date.now() + this.input.giveUpAfterMs;
    this.listing = this.input.tracking === 'listing' && wf.patched(PO_PATCHES.batchedTracking);
    while (!FINAL_PO_STATUSES.has(this.state.status)) {
      const news = this.listing ? await this.nextListedNews() : await this.nextNews();
      if (news === 'timed_out') return this.giveUp();
      if ('blocked' in news) {
        await this.block(news.blocked);
        continue;
      }
      if (this.state.status === 'needs_attention') await this.unblock();
      for (const shipment of news.newShipments) {
        await records.recordShipment({ ...this.ref, shipment });
        this.state.trackingNumbers.push(shipment.trackingNumber);
        await this.tellEveryone(shipment.trackingNumber);
      }
      // A package first listed without its lines (WPS lists tracking before it ships) gets them now;
      // the buyer already heard of it.
      for (const shipment of news.updatedShipments ?? []) await records.recordShipment({ ...this.ref, shipment });
      const resolution = wf.patched(PO_PATCHES.resolution);
      this.followsReports = resolution;
      if (news.status !== this.state.status || (resolution && reportsKey(news) !== this.reports)) {
        await this.setStatus(news.status, describeStatus(poNumber, this.distributorName, news), DISTRIBUTOR, {
          cancelled: news.cancelled,
          ...(resolution ? { backordered: news.backordered } : {}),
          details: { backordered: news.backordered, cancelled: news.cancelled },
        });
      }
      if (resolution) await this.afterNews(news);
    }
  }

  /** What the distributor's report means for the dealer: a cancellation request settled, lines cancelled or backordered. */
  private async afterNews(news: PoChange): Promise<void> {
    const reports = reportsKey(news);
    const changed = reports !== this.reports;
    this.reports = reports;
    if (this.state.cancellationRequested) await this.reconcileCancellation(false);
    if (!changed) return;
    const cancelled = contentsKey(news.cancelled);
    if (cancelled !== this.lastCancelled) {
      this.lastCancelled = cancelled;
      // Lines the dealer asked to cancel are settled by the reconciliation above, not news from the distributor.
      if (news.cancelled.length > 0 && !this.state.cancellationRequested) await this.distributorCancelled(news.cancelled, cancelled);
    }
    const backordered = contentsKey(news.backordered);
    if (backordered !== this.lastBackordered) {
      if (this.lastBackordered) {
        await records.closeException({
          dealerId: this.input.dealerId,
          key: this.backorderKey(this.lastBackordered),
          why: `${this.distributorName} no longer reports these lines backordered`,
        });
      }
      this.lastBackordered = backordered;
      if (news.backordered.length > 0) await this.distributorBackordered(news.backordered, backordered);
    }
  }

  private async distributorCancelled(lines: SkuQuantity[], key: string): Promise<void> {
    const { poNumber, dealerId } = this.input;
    await this.alert({
      kind: 'po_cancelled_by_distributor',
      subject: `${this.distributorName} cancelled part of PO ${poNumber}`,
      message: `${this.distributorName} cancelled ${quantities(lines)} on PO ${poNumber}. Re-route these lines to another distributor, or let the buyer know they will not ship.`,
      key: `po-cancelled:${dealerId}:${poNumber}:${key}`,
    });
    await this.noticeBuyer('cancelled', lines, key);
    await this.failOver('cancelled');
  }

  private async distributorBackordered(lines: SkuQuantity[], key: string): Promise<void> {
    const { poNumber } = this.input;
    await this.alert({
      kind: 'po_backordered',
      subject: `${this.distributorName} backordered part of PO ${poNumber}`,
      message: `${this.distributorName} backordered ${quantities(lines)} on PO ${poNumber}. Wait for it, or re-route these lines to another distributor (Dropline then asks ${this.distributorName} to cancel them).`,
      key: this.backorderKey(key),
    });
    await this.noticeBuyer('backordered', lines, key);
    this.sideWork.push(this.watchBackorder(key));
  }

  private backorderKey(key: string): string {
    return `po-backordered:${this.input.dealerId}:${this.input.poNumber}:${key}`;
  }

  /** Under the dealer's failover policy, a backorder that lasts too long is re-routed. */
  private async watchBackorder(key: string): Promise<void> {
    const afterMs = await records.backorderFailoverAfterMs({ dealerId: this.input.dealerId });
    if (afterMs === null) return;
    const over = await wf.condition(() => this.lastBackordered !== key || FINAL_PO_STATUSES.has(this.state.status), afterMs);
    if (!over) await this.failOver('backordered');
  }

  /**
   * The buyer hears of a cancellation or backorder (when the dealer wants that), once per report. It runs
   * beside the PO like the alert emails: a provider outage never holds up tracking.
   */
  private async noticeBuyer(event: 'cancelled' | 'backordered', lines: SkuQuantity[], key: string): Promise<void> {
    const { dealerId, orderId, poNumber } = this.input;
    const notice = { dealerId, orderId, poNumber, event, lines, key: `${event}:${poNumber}:${key}` };
    const undelivered = (error: unknown) => wf.log.warn('Buyer notice not delivered', { key: notice.key, error: failureMessage(error) });
    this.alertEmails.push(
      delivery.emailBuyerPoNotice(notice).then(
        () => undefined,
        (error: unknown) => undelivered(error),
      ),
    );
  }

  /** Automatic failover, when the dealer's policy allows it; re-routed backorders are then cancelled here. */
  private async failOver(trigger: FailoverTrigger): Promise<void> {
    let result: Awaited<ReturnType<Activities['failOverPurchaseOrder']>>;
    try {
      result = await records.failOverPurchaseOrder({ ...this.ref, trigger });
    } catch (error) {
      // Failover is a convenience: when it cannot be worked out, the exception stays with the dealer and the PO goes on.
      wf.log.warn('Automatic failover not carried out', { trigger, error: failureMessage(error) });
      return;
    }
    if (result.movedBackorders && !this.state.cancellationRequested && AT_DISTRIBUTOR.has(this.state.status)) {
      await this.requestCancellation({ actor: { type: 'system', id: 'failover' }, reason: 'its backordered lines were re-routed to another distributor' });
    }
  }

  private async requestCancellation(request: CancellationInput): Promise<PurchaseOrderState> {
    this.state.cancellationRequested = true;
    await records.recordCancellationRequest({ ...this.ref, actor: request.actor, reason: request.reason });
    this.sideWork.push(this.carryOutCancellation());
    return this.state;
  }

  /** Asks the distributor once, through its API or the dealer; what actually happens is read from the next reports. */
  private async carryOutCancellation(): Promise<void> {
    const { poNumber } = this.input;
    const name = this.distributorName;
    let call: Awaited<ReturnType<Activities['cancelAtDistributor']>>;
    try {
      call = await cancelling(this.input).cancelAtDistributor({ ...this.ref, distributor: this.input.distributor });
    } catch (error) {
      const refused = error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === 'Distributor:rejected';
      await records.recordCancellationOutcome(
        refused
          ? { ...this.ref, via: 'api', note: `${name} refused to cancel PO ${poNumber}: ${failureMessage(error)}`, refused: 'all' }
          : {
              ...this.ref,
              via: 'api',
              note: `${name} could not be asked to cancel PO ${poNumber} (${failureMessage(error)}); its next reports will tell`,
              unknown: true,
            },
      );
      return;
    }
    if (call.via === 'task') {
      await records.recordCancellationOutcome({ ...this.ref, via: 'task', note: call.instructions });
      await this.alert({ kind: 'cancellation_task', subject: `Ask ${name} to cancel PO ${poNumber}`, message: call.instructions, key: this.cancelTaskKey() });
      return;
    }
    const note = call.unread
      ? `${name} took the cancellation of PO ${poNumber}; its next status reports tell what was cancelled`
      : call.stillOpen.length === 0
        ? `${name} took the cancellation of PO ${poNumber}`
        : `${name} took the cancellation of PO ${poNumber} but did not cancel ${quantities(call.stillOpen)}, which may already be on its way`;
    await records.recordCancellationOutcome({ ...this.ref, via: 'api', note, refused: call.stillOpen });
  }

  private cancelTaskKey(): string {
    return `cancellation-task:${this.input.dealerId}:${this.input.poNumber}`;
  }

  /** Settles requested lines from what Postgres now holds; a line that shipped anyway is put in front of the dealer. */
  private async reconcileCancellation(final: boolean): Promise<void> {
    const { poNumber, dealerId } = this.input;
    const { shippedAfter, open } = await records.reconcileCancellation({ ...this.ref, final });
    if (shippedAfter.length > 0) {
      const what = shippedAfter.map((l) => `${l.quantity} × ${l.dealerSku}`).join(', ');
      await this.alert({
        kind: 'shipped_after_cancel',
        subject: `${this.distributorName} shipped PO ${poNumber} lines after you asked to cancel`,
        message: `${what} on PO ${poNumber} shipped after cancellation was requested. Arrange a return or let the buyer keep them.`,
        key: `shipped-after-cancel:${dealerId}:${poNumber}:${what}`,
      });
    }
    if (open === 0) await records.closeException({ dealerId, key: this.cancelTaskKey(), why: `${this.distributorName} has settled every line of the request` });
  }

  /** Waits for the distributor to report something new, or for the give-up horizon to pass. */
  private async nextNews(): Promise<PoChange | TrackingBlocked | 'timed_out'> {
    const remainingMs = (this.state.giveUpAt ?? 0) - Date.now();
    if (remainingMs <= 0) return 'timed_out';
    const { pollIntervalMs } = this.input;
    const polling = wf.proxyActivities<Activities>({
      taskQueue: distributorTaskQueue(wf.workflowInfo().taskQueue, this.input.distributor),
      startToCloseTimeout: '1 minute',
      scheduleToCloseTimeout: remainingMs,
      retry: { initialInterval: pollIntervalMs, backoffCoefficient: 1, maximumInterval: pollIntervalMs },
    });
    try {
      return await polling.awaitPurchaseOrderChange({
        ...this.ref,
        distributor: this.input.distributor,
        // Without the reports, a line cancelled or backordered while the status stays would never be news.
        known: { status: this.state.status, trackingNumbers: this.state.trackingNumbers, ...(this.followsReports ? { reports: this.reports } : {}) },
        reportUpdatedShipments: true,
      });
    } catch (error) {
      if (error instanceof ActivityFailure && (error.cause instanceof TimeoutFailure || error.retryState === RetryState.TIMEOUT)) {
        return 'timed_out';
      }
      // Any other end of the poll is the distributor refusing to answer: tracking waits, it never fails.
      return { blocked: failureMessage(error) };
    }
  }

  /** What a look at the distributor compares with: what this run has taken in. */
  private known() {
    return {
      distributor: this.input.distributor,
      // Without the reports, a line cancelled or backordered while the status stays would never be news.
      known: { status: this.state.status, trackingNumbers: this.state.trackingNumbers, ...(this.followsReports ? { reports: this.reports } : {}) },
      reportUpdatedShipments: true,
    };
  }

  /**
   * Waits for the account's tracking poller to report something new, or for the give-up horizon. A
   * report goes through the same comparison as a poll, so a repeated or stale one is no news. When no
   * news came for `safetyCheckMs`, the PO looks itself up once, unless the listing saw it meanwhile.
   */
  private async nextListedNews(): Promise<PoChange | TrackingBlocked | 'timed_out'> {
    const safetyCheckMs = this.input.safetyCheckMs ?? DAY_MS;
    for (;;) {
      const remainingMs = (this.state.giveUpAt ?? 0) - Date.now();
      if (remainingMs <= 0) return 'timed_out';
      if (await wf.condition(() => this.listed !== null, Math.min(remainingMs, safetyCheckMs))) {
        const { report, listedAt } = this.listed!;
        this.listed = null;
        if (listedAt <= this.seenUntil) continue;
        this.seenUntil = listedAt;
        const change = await records.readListedReport({ ...this.ref, ...this.known(), report });
        if (change) return change;
        continue;
      }
      if (Date.now() >= (this.state.giveUpAt ?? 0)) return 'timed_out';
      const checked = await this.safetyCheck(safetyCheckMs);
      if (checked) return checked;
    }
  }

  /** One direct lookup, so a PO the listing misses is never stranded; skipped when the listing saw the PO lately. */
  private async safetyCheck(safetyCheckMs: number): Promise<PoChange | TrackingBlocked | null> {
    if (await records.wasListedSince({ ...this.ref, since: new Date(Date.now() - safetyCheckMs).toISOString() })) return null;
    const askedAt = new Date(Date.now()).toISOString();
    try {
      const change = await checking(this.input).checkPurchaseOrder({ ...this.ref, ...this.known() });
      if (askedAt > this.seenUntil) this.seenUntil = askedAt;
      return change;
    } catch (error) {
      wf.log.warn('Safety check of a PO tracked by listing failed; the next one tries again', { poNumber: this.input.poNumber, error: failureMessage(error) });
      return null;
    }
  }

  /** The distributor will not answer about a placed PO: the dealer is told, and polling goes on quietly. */
  private async block(reason: string): Promise<void> {
    const { poNumber } = this.input;
    if (this.state.status === 'needs_attention') return;
    this.blockedEpisodes += 1;
    await this.setStatus(
      'needs_attention',
      `${this.distributorName} will not answer about PO ${poNumber}: ${reason}. Tracking resumes by itself once the account works again`,
      SYSTEM,
      {
        details: { reason },
      },
    );
    await this.alert({
      kind: 'distributor_account',
      subject: `Dropline cannot check PO ${poNumber} with ${this.distributorName}`,
      message: `PO ${poNumber} is placed with ${this.distributorName}, but ${this.distributorName} refuses to tell Dropline about it: ${reason}. Fix or reconnect your ${this.distributorName} account in Settings; tracking resumes by itself.`,
      key: this.blockedKey(),
    });
  }

  private async unblock(): Promise<void> {
    await records.closeException({ dealerId: this.input.dealerId, key: this.blockedKey(), why: `${this.distributorName} answers again` });
  }

  private blockedKey(): string {
    return `distributor-account:${this.input.dealerId}:${this.input.poNumber}:${this.blockedEpisodes}`;
  }

  private async giveUp(): Promise<void> {
    const { poNumber, giveUpAfterMs } = this.input;
    const progress = wf.patched(PO_PATCHES.giveUpSummary) ? giveUpSummary(await records.loadPoLineProgress(this.ref), days(giveUpAfterMs)) : null;
    const summary = progress ? `PO ${poNumber}: ${progress}` : `PO ${poNumber} had not fully shipped after ${days(giveUpAfterMs)} days`;
    await this.setStatus('given_up', `${summary}; tracking stopped`, SYSTEM);
    await this.alert({
      kind: 'po_given_up',
      subject: `PO ${poNumber} has not ${progress ? 'fully ' : ''}shipped after ${days(giveUpAfterMs)} days`,
      message: `${progress ? `PO ${poNumber}: ${progress}.` : `PO ${poNumber} has not fully shipped ${days(giveUpAfterMs)} days after it was placed.`} Dropline has stopped checking it; please contact ${this.distributorName} about this PO.`,
      key: `po-given-up:${this.input.dealerId}:${poNumber}`,
    });
  }

  /** Buyer email, order note and channel push for one package. A failed push goes to the dealer, not the PO. */
  private async tellEveryone(trackingNumber: string): Promise<void> {
    const ref = { ...this.ref, orderId: this.input.orderId, trackingNumber };
    const outcomes = await Promise.allSettled([delivery.emailBuyerShipment(ref), records.noteOrderShipment(ref), delivery.pushTrackingToChannel(ref)]);
    const labels = ['Buyer email', 'Order note', 'Channel tracking push'];
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.status === 'fulfilled') continue;
      await this.alert({
        kind: 'notification_failed',
        subject: `${labels[index]} failed for tracking ${trackingNumber}`,
        message: `${labels[index]} for PO ${ref.poNumber}, tracking ${trackingNumber} failed: ${failureMessage(outcome.reason)}`,
        key: `notification-failed:${ref.dealerId}:${ref.poNumber}:${trackingNumber}:${index}`,
      });
    }
  }

  /**
   * Puts something in front of the dealer: the inbox entry is written before the PO moves on; the
   * email is best effort and runs beside the PO, which never waits for it or fails with it.
   */
  private async alert(alert: Alert): Promise<void> {
    const dealerAlert = { dealerId: this.input.dealerId, orderId: this.input.orderId, poNumber: this.input.poNumber, ...alert };
    const undelivered = (error: unknown) => wf.log.warn('Dealer alert email not delivered', { key: alert.key, error: failureMessage(error) });
    if (!wf.patched(PO_PATCHES.bestEffortAlerts)) {
      await alerts.alertDealer(dealerAlert).catch(undelivered);
      return;
    }
    await records.openException(dealerAlert);
    this.alertEmails.push(alerts.emailDealerAlert(dealerAlert).catch(undelivered));
  }

  /** Lets the alert emails still being sent finish (each is bounded), so none is dropped by the workflow closing. */
  async finish(): Promise<void> {
    await Promise.all(this.sideWork);
    if (this.state.cancellationRequested) await this.reconcileCancellation(true);
    await Promise.all(this.alertEmails);
  }

  private async setStatus(
    status: PoStatus,
    summary: string,
    actor: Actor,
    extra: { failureReason?: string; cancelled?: PoChange['cancelled']; backordered?: PoChange['backordered']; details?: Record<string, unknown> } = {},
  ) {
    this.state.status = status;
    this.transitions += 1;
    // Runs recorded before PoStatus existed upserted DropshipStatus here; upserted values are not
    // compared on replay, so they carry on with PoStatus from their next change.
    wf.upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.PoStatus, value: status }]);
    await records.recordPurchaseOrderStatus({ ...this.ref, orderId: this.input.orderId, status, summary, actor, transition: this.transitions, ...extra });
  }
}

function describeStatus(poNumber: string, distributorName: string, change: PoChange): string {
  switch (change.status) {
    case 'backordered':
      return `${distributorName} backordered part of PO ${poNumber}`;
    case 'cancelled':
      return `${distributorName} cancelled PO ${poNumber}`;
    case 'partially_shipped':
      return `PO ${poNumber} is partially shipped`;
    case 'shipped':
      return `PO ${poNumber} has fully shipped`;
    default:
      return `${distributorName} reports PO ${poNumber} as ${change.status.replace('_', ' ')}`;
  }
}

function submissionFacts(error: unknown): SubmissionFacts | null {
  if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)) return null;
  return (error.cause.details?.[0] as SubmissionFacts | undefined) ?? null;
}

function failureMessage(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) return error.cause.message;
  if (error instanceof ActivityFailure && error.cause instanceof TimeoutFailure) return 'the distributor could not be reached in time';
  return error instanceof Error ? error.message : String(error);
}

const days = (ms: number) => Math.round(ms / DAY_MS);

const quantities = (lines: SkuQuantity[]) => lines.map((l) => `${l.quantity} × ${l.distributorSku}`).join(', ');

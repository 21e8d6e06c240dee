import * as wf from '@temporalio/workflow';
import { poTracking } from '../domain/batched-tracking.js';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { Activities } from '../activities/index.js';
import type { Actor } from '../domain/actor.js';
import { confirmationEdits, confirmationProblems, type Confirmation } from '../domain/confirmation.js';
import { DISTRIBUTOR_NAMES } from '../domain/distributors.js';
import type { DropshipFacts } from '../domain/dropship-plan.js';
import type { PoStatus } from '../domain/purchase-order.js';
import { defaultPoNumber } from '../domain/ids.js';
import { dropshipStatusPhrase } from '../domain/status-words.js';
import { planDropship, rerouteLine, SwapRejected } from '../domain/routing.js';
import {
  cancelUpdate,
  confirmUpdate,
  dropshipStatusQuery,
  planReadyUpdate,
  routeAgainUpdate,
  swapLineUpdate,
  type CancelInput,
  type DropshipInput,
  type DropshipPhase,
  type DropshipState,
  type RouteAgainInput,
  type SwapLineInput,
} from './contracts/dropship.js';
import { PURCHASE_ORDER_PRIORITY, purchaseOrderWorkflowId } from './contracts/purchase-order.js';
import { purchaseOrder } from './purchase-order.js';
import { SEARCH_ATTRIBUTES } from './search-attributes.js';

/** Patch ids: each marks a path that running workflows, started before it, must keep taking. */
export const DROPSHIP_PATCHES = {
  /** POs started with parent-close policy ABANDON. */
  independentPurchaseOrders: 'dropship-independent-purchase-orders',
  /** The confirmation expiry runs while the reminder is being sent, not after it. */
  reminderBesideExpiry: 'dropship-reminder-beside-expiry',
  /** A dealer's decision is carried out in the workflow task after the one that accepted it. */
  decisionAnsweredFirst: 'dropship-decision-answered-first',
  /** "Submitting" is written with the POs (createPurchaseOrders), a local activity and an upsert fewer. */
  fewerTasks: 'dropship-fewer-tasks',
} as const;

// Reads and writes of Postgres are local activities: short and idempotent, they need no task-queue
// round trip of their own.
const acts = wf.proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

// Emails to the dealer go through the provider, which rate-limits: a regular activity with backoff,
// bounded because an alert is best effort (the exception is in the inbox after the first attempt).
const notify = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '10 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '2 minutes' },
});

type DropshipRef = { dealerId: string; orderId: string; dropshipId: string };
type PurchaseOrderChild = wf.ChildWorkflowHandle<typeof purchaseOrder>;

/**
 * A dealer's drop-ship of one order: route the lines, wait for the dealer's confirmation (or skip it
 * in auto mode), then place one purchase order per distributor as child workflows and follow them to
 * their end.
 */
export async function dropship(input: DropshipInput): Promise<DropshipState> {
  const run = new DropshipRun(input);
  run.listen();
  if (!(await run.route())) return run.state;
  let purchaseOrders: PurchaseOrderChild[] | null = null;
  while (!purchaseOrders) {
    const confirmation = await run.awaitDecision();
    if (!confirmation) return run.state;
    // null when a PO number was taken meanwhile: the dealer gets the drop-ship back to fix it.
    const placed = await run.placeOrders(confirmation);
    if (placed === 'order_cancelled') return run.state;
    purchaseOrders = placed;
  }
  await run.awaitPurchaseOrders(purchaseOrders);
  await wf.condition(wf.allHandlersFinished);
  return run.state;
}

class DropshipRun {
  readonly state: DropshipState;
  private readonly ref: DropshipRef;
  private facts: DropshipFacts | null = null;
  /** The decision the run acts on next; the dealer's Updates set it, a taken PO number clears it. */
  private confirmation: Confirmation | null = null;
  private cancellation: CancelInput | null = null;
  private revision = 0;
  /** Plan changes (swaps, routing again) still being recorded; the POs wait for them. */
  private swapsRecording = 0;
  /** True while routing again reads the facts: no decision is taken on a plan about to be replaced. */
  private routingAgain = false;

  constructor(private readonly input: DropshipInput) {
    this.state = { phase: 'planning', mode: input.mode, plan: null, purchaseOrders: [], problem: null, reminded: false };
    this.ref = { dealerId: input.dealerId, orderId: input.orderId, dropshipId: input.dropshipId };
    // Auto-processing dealers confirm every drop-ship up front.
    if (input.mode === 'auto') this.confirmation = { acknowledged: true, actor: { type: 'system', id: 'auto-processing' } };
  }

  /**
   * The dealer's messages. A decision changes the phase before its handler returns, so a later one is
   * refused (409) instead of being accepted and then ignored while the first one is carried out.
   */
  listen(): void {
    const { state } = this;
    wf.setHandler(dropshipStatusQuery, () => state);
    wf.setHandler(planReadyUpdate, async () => {
      await wf.condition(() => state.phase !== 'planning');
      return state;
    });
    wf.setHandler(
      confirmUpdate,
      (confirmation) => {
        this.confirmation = confirmation;
        state.problem = null;
        state.phase = 'submitting';
        return state;
      },
      {
        validator: (confirmation) => {
          this.rejectUnlessAwaiting();
          const problems = confirmationProblems(state.plan!, confirmation);
          if (problems.length > 0) throw ApplicationFailure.nonRetryable(problems.join('; '), 'InvalidConfirmation', problems);
        },
      },
    );
    wf.setHandler(swapLineUpdate, (swap) => this.swapLine(swap), {
      validator: (swap) => {
        this.rejectUnlessAwaiting();
        try {
          rerouteLine(state.plan!, this.facts!, swap.lineId, swap.distributor);
        } catch (error) {
          if (error instanceof SwapRejected) throw ApplicationFailure.nonRetryable(error.message, 'SwapRejected', error.reasons);
          throw error;
        }
      },
    });
    wf.setHandler(
      cancelUpdate,
      (cancellation) => {
        this.cancellation = cancellation;
        state.phase = 'cancelled';
        return state;
      },
      { validator: (_cancellation: CancelInput) => this.rejectUnlessAwaiting() },
    );
    // A handler only: runs that never receive this Update replay as before, so no patch is needed.
    wf.setHandler(routeAgainUpdate, (request) => this.routeAgain(request.actor), {
      validator: (_request: RouteAgainInput) => this.rejectUnlessAwaiting(),
    });
  }

  /** Routes the lines; false when no line can be drop-shipped yet, which ends the run. */
  async route(): Promise<boolean> {
    const facts = await acts.loadDropshipFacts(this.ref);
    this.facts = facts;
    const plan = planDropship(facts);
    this.state.plan = plan;
    await acts.recordDropshipPlan({ ...this.ref, plan, revision: this.revision, actor: this.input.startedBy, why: 'Routed' });
    const unresolved = plan.lines.filter((l) => l.status === 'needs_resolution');
    if (unresolved.length > 0) {
      await acts.raiseNeedsResolution({ ...this.ref, lines: unresolved.map((l) => ({ dealerSku: l.dealerSku, reasons: l.reasons.map((r) => r.message) })) });
    }
    if (plan.purchaseOrders.length > 0) return true;
    await this.setPhase('needs_resolution', 'No line can be drop-shipped yet; see the reasons on each line');
    return false;
  }

  /** The confirmation to carry out (auto mode has one already); null once the drop-ship was cancelled or expired. */
  async awaitDecision(): Promise<Confirmation | null> {
    if (!this.confirmation) {
      // A confirmation that could not be carried out (a PO number taken meanwhile) says why, in the trail.
      const { problem } = this.state;
      await this.setPhase('awaiting_confirmation', problem ? `${problem}; confirm again` : 'Waiting for the dealer to confirm the proposed purchase orders');
      if (!(await this.waitForDealer())) {
        await this.setPhase('expired', `Not confirmed within ${hours(this.input.confirmExpiresAfterMs)} hours; nothing was ordered`);
        return null;
      }
      // The dealer's Update is answered when the workflow task that accepted it completes, and a task
      // completes only after its local activities: the writes that carry the decision out go in the
      // next task, so the answer waits for none of them.
      if (wf.patched(DROPSHIP_PATCHES.decisionAnsweredFirst)) await wf.sleep(1);
    }
    if (this.cancellation) {
      const { reason, actor } = this.cancellation;
      await this.setPhase('cancelled', `Cancelled before anything was ordered${reason ? `: ${reason}` : ''}`, actor);
      return null;
    }
    return this.confirmation;
  }

  /**
   * Records the confirmed POs and starts one child workflow per distributor. Null when one of the PO
   * numbers is taken by now: the problem goes to the dealer, who confirms again.
   */
  async placeOrders(confirmation: Confirmation): Promise<PurchaseOrderChild[] | null | 'order_cancelled'> {
    // A swap still recording its plan finishes first, so the trail shows it before the POs it led to.
    await wf.condition(() => this.swapsRecording === 0);
    try {
      const purchaseOrders = await this.recordPurchaseOrders(confirmation);
      return await this.startPurchaseOrders(purchaseOrders);
    } catch (error) {
      const refusal = activityRefusal(error);
      if (refusal?.type === 'OrderCancelled') {
        await this.setPhase('cancelled', `${refusal.message} (the buyer cancelled it on the channel before the purchase orders were placed)`);
        return 'order_cancelled';
      }
      if (refusal?.type !== 'PoNumberTaken') throw error;
      this.state.problem = refusal.message;
      this.confirmation = null;
      return null;
    }
  }

  /** Each PO ends on its own; one PO's trouble never touches its siblings or the drop-ship. */
  async awaitPurchaseOrders(children: PurchaseOrderChild[]): Promise<void> {
    await this.setPhase('in_progress', `${this.state.purchaseOrders.length} purchase order(s) placed; tracking shipments`);
    const results = await Promise.allSettled(children.map((child) => child.result()));
    const outcome = results
      .map((result, index) => {
        const po = this.state.purchaseOrders[index]!;
        if (result.status === 'rejected') return `${po.poNumber}: ended unexpectedly`;
        po.result = result.value;
        return `${po.poNumber}: ${result.value.status.replace('_', ' ')}`;
      })
      .join(', ');
    await this.setPhase('completed', `All purchase orders finished (${outcome})`);
  }

  private async swapLine(swap: SwapLineInput): Promise<DropshipState> {
    this.state.plan = rerouteLine(this.state.plan!, this.facts!, swap.lineId, swap.distributor);
    this.revision += 1;
    this.swapsRecording += 1;
    const why = `Line swapped to ${DISTRIBUTOR_NAMES[swap.distributor]} by the dealer`;
    await acts.recordDropshipPlan({ ...this.ref, plan: this.state.plan, revision: this.revision, actor: swap.actor, why });
    this.swapsRecording -= 1;
    return this.state;
  }

  /**
   * Reads the facts again and proposes anew (the dealer may have linked a SKU or readied an account
   * since). A plan with nothing to order keeps the current proposal and says why.
   */
  private async routeAgain(actor: Actor): Promise<DropshipState> {
    this.routingAgain = true;
    this.swapsRecording += 1;
    try {
      const facts = await acts.loadDropshipFacts(this.ref);
      const plan = planDropship(facts);
      if (plan.purchaseOrders.length === 0) {
        const reasons = plan.lines.flatMap((l) => l.reasons.map((r) => `${l.dealerSku}: ${r.message}`));
        throw ApplicationFailure.nonRetryable(
          'Routed again, still no line can be drop-shipped; the proposed purchase orders stay as they were',
          'NothingRoutes',
          reasons,
        );
      }
      this.facts = facts;
      this.state.plan = plan;
      this.revision += 1;
      this.routingAgain = false;
      await acts.recordDropshipPlan({ ...this.ref, plan, revision: this.revision, actor, why: 'Routed again by the dealer' });
      const unresolved = plan.lines.filter((l) => l.status === 'needs_resolution');
      if (unresolved.length > 0) {
        const lines = unresolved.map((l) => ({ dealerSku: l.dealerSku, reasons: l.reasons.map((r) => r.message) }));
        await acts.raiseNeedsResolution({ ...this.ref, revision: this.revision, lines });
      }
      return this.state;
    } finally {
      this.routingAgain = false;
      this.swapsRecording -= 1;
    }
  }

  private rejectUnlessAwaiting(): void {
    const { phase } = this.state;
    if (phase !== 'awaiting_confirmation')
      throw ApplicationFailure.nonRetryable(`This drop-ship ${dropshipStatusPhrase(phase)}; it can no longer be changed`, 'InvalidState');
    if (this.routingAgain) throw ApplicationFailure.nonRetryable('This drop-ship is being routed again; look at the new proposal, then decide', 'InvalidState');
  }

  /** Writes the confirmed POs (PoNumberTaken when a number is in use) and the dealer's trail entry. */
  private async recordPurchaseOrders(confirmation: Confirmation): Promise<ConfirmedPurchaseOrder[]> {
    const { input, ref } = this;
    const plan = this.state.plan!;
    // Only the activity sees both addresses (the order's never enters history); workflows that recorded
    // this step before it answered count a typed address as an edit, as they did then.
    const shipToEdited = confirmation.shipTo ? ((await acts.saveConfirmedShipTo({ ...ref, shipTo: confirmation.shipTo }))?.edited ?? true) : false;
    const purchaseOrders = plan.purchaseOrders.map((po) => {
      const poNumber = confirmation.poNumbers?.[po.distributor] ?? defaultPoNumber(input.poBase, po.distributor);
      return {
        distributor: po.distributor,
        poNumber,
        workflowId: purchaseOrderWorkflowId(input.dealerId, poNumber),
        shipMethod: po.shipMethod,
        lines: po.lines.map((line) => ({ ...line, quantity: confirmation.quantities?.[line.lineId] ?? line.quantity })),
      };
    });
    const defaultPoNumbers = Object.fromEntries(plan.purchaseOrders.map((po) => [po.distributor, defaultPoNumber(input.poBase, po.distributor)]));
    const edits = confirmationEdits(plan, confirmation, defaultPoNumbers, shipToEdited);
    const how = input.mode === 'auto' ? 'Auto-processing confirmed' : 'Confirmed by the dealer';
    const placed = purchaseOrders.map((po) => `${po.poNumber} to ${DISTRIBUTOR_NAMES[po.distributor]}`).join(', ');
    const submitting = { summary: `${how}: ${placed}${edits.length ? ` (edited: ${edits.join(', ')})` : ''}`, actor: confirmation.actor };
    if (!wf.patched(DROPSHIP_PATCHES.fewerTasks)) {
      await acts.createPurchaseOrders({ ...ref, purchaseOrders });
      await this.setPhase('submitting', submitting.summary, submitting.actor);
      return purchaseOrders;
    }
    await acts.createPurchaseOrders({ ...ref, purchaseOrders, submitting });
    // DropshipStatus skips "submitting": the POs start with this task, and "in progress" comes with the next.
    this.state.phase = 'submitting';
    return purchaseOrders;
  }

  private async startPurchaseOrders(purchaseOrders: ConfirmedPurchaseOrder[]): Promise<PurchaseOrderChild[]> {
    const { input } = this;
    this.state.purchaseOrders = purchaseOrders.map((po) => ({ distributor: po.distributor, poNumber: po.poNumber, workflowId: po.workflowId, result: null }));
    const children: PurchaseOrderChild[] = [];
    for (const po of this.state.purchaseOrders) {
      const child = await wf.startChild(purchaseOrder, {
        workflowId: po.workflowId,
        // A PO lives on its own: ending or resetting the drop-ship never stops tracking a placed order.
        ...(wf.patched(DROPSHIP_PATCHES.independentPurchaseOrders) ? { parentClosePolicy: wf.ParentClosePolicy.ABANDON } : {}),
        priority: PURCHASE_ORDER_PRIORITY,
        args: [
          {
            dealerId: input.dealerId,
            orderId: input.orderId,
            poNumber: po.poNumber,
            distributor: po.distributor,
            pollIntervalMs: input.pollIntervalMs,
            giveUpAfterMs: input.giveUpAfterMs,
            ...(input.submitGiveUpAfterMs ? { submitGiveUpAfterMs: input.submitGiveUpAfterMs } : {}),
            ...(input.verifyWithinMs ? { verifyWithinMs: input.verifyWithinMs } : {}),
            ...(input.shipBy ? { shipBy: input.shipBy } : {}),
            // A child's input is not compared on replay; runs that never passed it push tracking as before.
            ...(this.facts ? { channel: this.facts.channel } : {}),
            ...poTracking(input.listing, po.distributor),
          },
        ],
        // Set at the start, so the PO is findable as pending from its first moment. Search attributes
        // of a child's start are not compared on replay (test/workflows/replay.test.ts shows it).
        typedSearchAttributes: [
          { key: SEARCH_ATTRIBUTES.DealerId, value: input.dealerId },
          { key: SEARCH_ATTRIBUTES.OrderId, value: input.orderId },
          { key: SEARCH_ATTRIBUTES.PoNumber, value: po.poNumber },
          { key: SEARCH_ATTRIBUTES.Distributor, value: po.distributor },
          { key: SEARCH_ATTRIBUTES.PoStatus, value: 'pending' satisfies PoStatus },
          ...(input.channelOrderId ? [{ key: SEARCH_ATTRIBUTES.ChannelOrderId, value: input.channelOrderId }] : []),
        ],
      });
      children.push(child);
    }
    return children;
  }

  /** Waits for the dealer, reminding them once; false when the confirmation window expired. */
  private async waitForDealer(): Promise<boolean> {
    const { input, state } = this;
    const decided = () => this.confirmation !== null || this.cancellation !== null;
    if (await wf.condition(decided, input.confirmReminderAfterMs)) return true;
    if (state.reminded) return wf.condition(decided, input.confirmExpiresAfterMs);
    state.reminded = true;
    if (!wf.patched(DROPSHIP_PATCHES.reminderBesideExpiry)) {
      await this.remind(false);
      return wf.condition(decided, input.confirmExpiresAfterMs);
    }
    // The reminder runs beside the window: an email outage neither holds up the dealer's decision nor
    // extends the time they have.
    void this.remind(true);
    return wf.condition(decided, input.confirmExpiresAfterMs);
  }

  private async remind(bestEffort: boolean): Promise<void> {
    const { input, ref } = this;
    const alert = {
      dealerId: input.dealerId,
      orderId: input.orderId,
      kind: 'confirmation_waiting' as const,
      subject: 'A drop-ship is waiting for your confirmation',
      message: `The proposed purchase orders for this order have been waiting ${hours(input.confirmReminderAfterMs)} hours for your confirmation.`,
      key: `confirm-reminder:${ref.dropshipId}`,
    };
    const undelivered = (error: unknown) =>
      wf.log.warn('Confirmation reminder not delivered', { error: error instanceof Error ? error.message : String(error) });
    if (bestEffort) {
      await acts.openException(alert);
      void notify.emailDealerAlert(alert).catch(undelivered);
    } else {
      await notify.alertDealer(alert).catch(undelivered);
    }
    await acts.recordDropshipEvent({
      ...ref,
      type: 'dropship.reminded',
      summary: 'Dealer reminded to confirm the proposed purchase orders',
      actor: { type: 'system' },
    });
  }

  private async setPhase(phase: DropshipPhase, summary: string, actor: Actor = { type: 'system' }): Promise<void> {
    this.state.phase = phase;
    wf.upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.DropshipStatus, value: phase }]);
    await acts.recordDropshipStatus({ ...this.ref, status: phase, summary, actor });
  }
}

/**
 * An activity's own refusal: a regular activity's arrives inside an ActivityFailure, a local
 * activity's as it was thrown (the SDK wraps only its timeouts and cancels).
 */
function activityRefusal(error: unknown): ApplicationFailure | null {
  const failure = error instanceof ActivityFailure ? error.cause : error;
  return failure instanceof ApplicationFailure ? failure : null;
}

type ConfirmedPurchaseOrder = Parameters<Activities['createPurchaseOrders']>[0]['purchaseOrders'][number];

const hours = (ms: number) => Math.round(ms / 3_600_000);

import * as wf from '@temporalio/workflow';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import type { Activities } from '../activities/index.js';
import type { Actor } from '../domain/actor.js';
import { confirmationEdits, confirmationProblems, type Confirmation } from '../domain/confirmation.js';
import { DISTRIBUTOR_NAMES } from '../domain/distributors.js';
import type { DropshipFacts } from '../domain/dropship-plan.js';
import { defaultPoNumber } from '../domain/ids.js';
import { planDropship, rerouteLine, SwapRejected } from '../domain/routing.js';
import {
  cancelUpdate,
  confirmUpdate,
  dropshipStatusQuery,
  planReadyUpdate,
  swapLineUpdate,
  type CancelInput,
  type DropshipInput,
  type DropshipPhase,
  type DropshipState,
} from './contracts/dropship.js';
import { purchaseOrderWorkflowId } from './contracts/purchase-order.js';
import { purchaseOrder } from './purchase-order.js';
import { SEARCH_ATTRIBUTES } from './search-attributes.js';

/** Patch ids: each marks a path that running workflows, started before it, must keep taking. */
export const DROPSHIP_PATCHES = {
  /** POs started with parent-close policy ABANDON. */
  independentPurchaseOrders: 'dropship-independent-purchase-orders',
  /** The confirmation expiry runs while the reminder is being sent, not after it. */
  reminderBesideExpiry: 'dropship-reminder-beside-expiry',
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

/**
 * A dealer's drop-ship of one order: route the lines, wait for the dealer's confirmation (or skip it
 * in auto mode), then place one purchase order per distributor as child workflows.
 */
export async function dropship(input: DropshipInput): Promise<DropshipState> {
  const state: DropshipState = { phase: 'planning', mode: input.mode, plan: null, purchaseOrders: [], problem: null, reminded: false };
  const ref = { dealerId: input.dealerId, orderId: input.orderId, dropshipId: input.dropshipId };
  let facts: DropshipFacts | null = null;
  let confirmation: Confirmation | null = null;
  let cancellation: CancelInput | null = null;
  let revision = 0;
  let swapsRecording = 0;
  const awaiting = () => state.phase === 'awaiting_confirmation';
  const rejectUnlessAwaiting = () => {
    if (!awaiting()) throw ApplicationFailure.nonRetryable(`This drop-ship is ${state.phase.replace('_', ' ')}; it can no longer be changed`, 'InvalidState');
  };

  wf.setHandler(dropshipStatusQuery, () => state);
  wf.setHandler(planReadyUpdate, async () => {
    await wf.condition(() => state.phase !== 'planning');
    return state;
  });
  // A decision changes the phase before the handler returns, so a later message is refused (409)
  // instead of being accepted and then ignored while the first one is carried out.
  wf.setHandler(
    confirmUpdate,
    (input) => {
      confirmation = input;
      state.problem = null;
      state.phase = 'submitting';
      return state;
    },
    {
      validator: (input) => {
        rejectUnlessAwaiting();
        const problems = confirmationProblems(state.plan!, input);
        if (problems.length > 0) throw ApplicationFailure.nonRetryable(problems.join('; '), 'InvalidConfirmation', problems);
      },
    },
  );
  wf.setHandler(
    swapLineUpdate,
    async (swap) => {
      state.plan = rerouteLine(state.plan!, facts!, swap.lineId, swap.distributor);
      revision += 1;
      swapsRecording += 1;
      await acts.recordDropshipPlan({ ...ref, plan: state.plan, revision, actor: swap.actor, why: `Line swapped to ${DISTRIBUTOR_NAMES[swap.distributor]} by the dealer` });
      swapsRecording -= 1;
      return state;
    },
    {
      validator: (swap) => {
        rejectUnlessAwaiting();
        try {
          rerouteLine(state.plan!, facts!, swap.lineId, swap.distributor);
        } catch (error) {
          if (error instanceof SwapRejected) throw ApplicationFailure.nonRetryable(error.message, 'SwapRejected', error.reasons);
          throw error;
        }
      },
    },
  );
  wf.setHandler(
    cancelUpdate,
    (input) => {
      cancellation = input;
      state.phase = 'cancelled';
      return state;
    },
    { validator: (_input: CancelInput) => rejectUnlessAwaiting() },
  );

  const setPhase = async (phase: DropshipPhase, summary: string, actor: Actor = { type: 'system' }) => {
    state.phase = phase;
    wf.upsertSearchAttributes([{ key: SEARCH_ATTRIBUTES.DropshipStatus, value: phase }]);
    await acts.recordDropshipStatus({ ...ref, status: phase, summary, actor });
  };

  facts = await acts.loadDropshipFacts(ref);
  state.plan = planDropship(facts);
  await acts.recordDropshipPlan({ ...ref, plan: state.plan, revision, actor: input.startedBy, why: 'Routed' });
  const unresolved = state.plan.lines.filter((l) => l.status === 'needs_resolution');
  if (unresolved.length > 0) {
    await acts.raiseNeedsResolution({ ...ref, lines: unresolved.map((l) => ({ dealerSku: l.dealerSku, reasons: l.reasons.map((r) => r.message) })) });
  }
  if (state.plan.purchaseOrders.length === 0) {
    await setPhase('needs_resolution', 'No line can be drop-shipped yet; see the reasons on each line');
    return state;
  }

  let children: Array<wf.ChildWorkflowHandle<typeof purchaseOrder>> | undefined;
  if (input.mode === 'auto') {
    confirmation = { acknowledged: true, actor: { type: 'system', id: 'auto-processing' } };
  }
  for (;;) {
    if (!confirmation) {
      await setPhase('awaiting_confirmation', 'Waiting for the dealer to confirm the proposed purchase orders');
      const decided = await waitForDecision(input, state, () => confirmation !== null || cancellation !== null, ref);
      if (!decided) {
        await setPhase('expired', `Not confirmed within ${Math.round(input.confirmExpiresAfterMs / 3_600_000)} hours; nothing was ordered`);
        return state;
      }
    }
    if (cancellation) {
      const c: CancelInput = cancellation;
      await setPhase('cancelled', `Cancelled before anything was ordered${c.reason ? `: ${c.reason}` : ''}`, c.actor);
      return state;
    }
    const confirmed: Confirmation = confirmation!;
    // A swap still recording its plan finishes first, so the trail shows it before the POs it led to.
    await wf.condition(() => swapsRecording === 0);
    try {
      children = await placeOrders(input, state, confirmed, ref, setPhase);
      break;
    } catch (error) {
      if (!(error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === 'PoNumberTaken')) throw error;
      state.problem = error.cause.message;
      confirmation = null;
    }
  }

  await setPhase('in_progress', `${state.purchaseOrders.length} purchase order(s) placed; tracking shipments`);
  // Each PO ends on its own; one PO's trouble never touches its siblings or the drop-ship.
  const results = await Promise.allSettled(children!.map((child) => child.result()));
  const outcome = results
    .map((result, index) => {
      const po = state.purchaseOrders[index]!;
      if (result.status === 'rejected') return `${po.poNumber}: ended unexpectedly`;
      po.result = result.value;
      return `${po.poNumber}: ${result.value.status.replace('_', ' ')}`;
    })
    .join(', ');
  await setPhase('completed', `All purchase orders finished (${outcome})`);
  await wf.condition(wf.allHandlersFinished);
  return state;
}

async function placeOrders(
  input: DropshipInput,
  state: DropshipState,
  confirmation: Confirmation,
  ref: { dealerId: string; orderId: string; dropshipId: string },
  setPhase: (phase: DropshipPhase, summary: string, actor?: Actor) => Promise<void>,
): Promise<Array<wf.ChildWorkflowHandle<typeof purchaseOrder>>> {
  const plan = state.plan!;
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
  await acts.createPurchaseOrders({ ...ref, purchaseOrders });
  const defaultPoNumbers = Object.fromEntries(plan.purchaseOrders.map((po) => [po.distributor, defaultPoNumber(input.poBase, po.distributor)]));
  const edits = confirmationEdits(plan, confirmation, defaultPoNumbers, shipToEdited);
  const how = input.mode === 'auto' ? 'Auto-processing confirmed' : 'Confirmed by the dealer';
  await setPhase(
    'submitting',
    `${how}: ${purchaseOrders.map((po) => `${po.poNumber} to ${DISTRIBUTOR_NAMES[po.distributor]}`).join(', ')}${edits.length ? ` (edited: ${edits.join(', ')})` : ''}`,
    confirmation.actor,
  );
  state.purchaseOrders = purchaseOrders.map((po) => ({ distributor: po.distributor, poNumber: po.poNumber, workflowId: po.workflowId, result: null }));
  const children: Array<wf.ChildWorkflowHandle<typeof purchaseOrder>> = [];
  for (const po of state.purchaseOrders) {
    const child = await wf.startChild(purchaseOrder, {
      workflowId: po.workflowId,
      // A PO lives on its own: ending or resetting the drop-ship never stops tracking a placed order.
      ...(wf.patched(DROPSHIP_PATCHES.independentPurchaseOrders) ? { parentClosePolicy: wf.ParentClosePolicy.ABANDON } : {}),
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
        },
      ],
      typedSearchAttributes: [
        { key: SEARCH_ATTRIBUTES.DealerId, value: input.dealerId },
        { key: SEARCH_ATTRIBUTES.OrderId, value: input.orderId },
        { key: SEARCH_ATTRIBUTES.PoNumber, value: po.poNumber },
        { key: SEARCH_ATTRIBUTES.Distributor, value: po.distributor },
      ],
    });
    children.push(child);
  }
  return children;
}

/** Waits for the dealer, reminding them once; false when the confirmation window expired. */
async function waitForDecision(
  input: DropshipInput,
  state: DropshipState,
  decided: () => boolean,
  ref: { dealerId: string; orderId: string; dropshipId: string },
): Promise<boolean> {
  if (await wf.condition(decided, input.confirmReminderAfterMs)) return true;
  if (state.reminded) return wf.condition(decided, input.confirmExpiresAfterMs);
  state.reminded = true;
  if (!wf.patched(DROPSHIP_PATCHES.reminderBesideExpiry)) {
    await remind(input, ref, false);
    return wf.condition(decided, input.confirmExpiresAfterMs);
  }
  // The reminder runs beside the window: an email outage neither holds up the dealer's decision nor
  // extends the time they have.
  void remind(input, ref, true);
  return wf.condition(decided, input.confirmExpiresAfterMs);
}

async function remind(input: DropshipInput, ref: { dealerId: string; orderId: string; dropshipId: string }, bestEffort: boolean): Promise<void> {
  const alert = {
    dealerId: input.dealerId,
    orderId: input.orderId,
    kind: 'confirmation_waiting' as const,
    subject: 'A drop-ship is waiting for your confirmation',
    message: `The proposed purchase orders for this order have been waiting ${Math.round(input.confirmReminderAfterMs / 3_600_000)} hours for your confirmation.`,
    key: `confirm-reminder:${ref.dropshipId}`,
  };
  const undelivered = (error: unknown) => wf.log.warn('Confirmation reminder not delivered', { error: error instanceof Error ? error.message : String(error) });
  if (bestEffort) {
    await acts.openException(alert);
    void notify.emailDealerAlert(alert).catch(undelivered);
  } else {
    await notify.alertDealer(alert).catch(undelivered);
  }
  await acts.recordDropshipEvent({ ...ref, type: 'dropship.reminded', summary: 'Dealer reminded to confirm the proposed purchase orders', actor: { type: 'system' } });
}

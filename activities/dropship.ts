import { ApplicationFailure } from '@temporalio/activity';
import { and, eq } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import { appendAuditEvent } from '../db/repositories/audit.js';
import { loadDropshipFacts } from '../db/repositories/dropship-facts.js';
import { closeExceptionByKey, closeOrderExceptions, closePurchaseOrderExceptions, raiseException } from '../db/repositories/exceptions.js';
import { setOrderStatus } from '../db/repositories/orders.js';
import { createPurchaseOrder, poNumberOwner, type NewPurchaseOrder } from '../db/repositories/purchase-orders.js';
import { dropships, orders } from '../db/schema/index.js';
import type { Actor } from '../domain/actor.js';
import { sameAddress, type Address } from '../domain/address.js';
import type { DropshipFacts, DropshipPlan } from '../domain/dropship-plan.js';
import { DISTRIBUTOR_NAMES } from '../domain/distributors.js';
import type { Db } from '../db/client.js';
import type { ActivityDeps } from './deps.js';

export interface DropshipRef {
  dealerId: string;
  orderId: string;
  dropshipId: string;
}

/** Activities of the drop-ship workflow. Each is safe to retry: writes are upserts or keyed audit events. */
export function dropshipActivities({ db }: ActivityDeps) {
  return {
    /** Reads the facts routing decides on. Read-only. */
    async loadDropshipFacts(ref: DropshipRef): Promise<DropshipFacts> {
      return loadDropshipFacts(db, ref.dealerId, ref.orderId, ref.dropshipId);
    },

    /** Stores the plan and records the routing decision with its reasons, in one transaction. Keyed by revision. */
    async recordDropshipPlan(input: DropshipRef & { plan: DropshipPlan; revision: number; actor: Actor; why: string }) {
      const routed = input.plan.lines.filter((l) => l.status === 'routed');
      const unresolved = input.plan.lines.filter((l) => l.status === 'needs_resolution');
      await db.transaction(async (tx) => {
        await tx.update(dropships).set({ plan: input.plan }).where(eq(dropships.id, input.dropshipId));
        // Lines to resolve from an earlier attempt that route now are no longer the dealer's to fix.
        await closeOrderExceptions(
          tx,
          input,
          ['needs_resolution'],
          unresolved.length === 0 ? 'every line of the order can be drop-shipped now' : 'the lines left to resolve changed',
          unresolved.length === 0 ? undefined : needsResolutionCause(input, unresolved),
        );
        await appendAuditEvent(tx, {
          dealerId: input.dealerId,
          orderId: input.orderId,
          actor: input.actor,
          type: input.revision === 0 ? 'dropship.routed' : 'dropship.rerouted',
          summary: `${input.why}: ${routed.length} of ${input.plan.lines.length} line(s) routed to ${
            input.plan.purchaseOrders.map((po) => DISTRIBUTOR_NAMES[po.distributor]).join(', ') || 'no distributor'
          }`,
          details: {
            lines: input.plan.lines.map((l) => ({
              dealerSku: l.dealerSku,
              quantity: l.quantity,
              status: l.status,
              chosen: l.chosen ? { distributor: l.chosen.distributor, distributorSku: l.chosen.distributorSku } : null,
              why: l.why,
              reasons: l.reasons,
              candidates: l.candidates.map((c) => ({
                distributor: c.distributor,
                eligible: c.eligible,
                availableQty: c.availableQty,
                costCents: c.costCents,
                leadTimeDays: c.leadTimeDays,
                reasons: c.reasons.map((r) => r.code),
              })),
            })),
          },
          dedupeKey: `dropship-plan:${input.dropshipId}:${input.revision}`,
        });
      });
    },

    /** Moves the drop-ship (and its order) to a new status and records why, in one transaction. Keyed by status. */
    async recordDropshipStatus(input: DropshipStatusChange) {
      await writeDropshipStatus(db, input);
    },

    /**
     * Keeps the dealer's confirmed ship-to with the drop-ship, and answers whether it differs from the
     * order's (the workflow never sees either address, only whether it was edited). Idempotent.
     */
    async saveConfirmedShipTo(input: DropshipRef & { shipTo: Address }): Promise<{ edited: boolean }> {
      await db.update(dropships).set({ shipTo: input.shipTo }).where(eq(dropships.id, input.dropshipId));
      const [order] = await db
        .select({ shipTo: orders.shipTo })
        .from(orders)
        .where(and(eq(orders.id, input.orderId), eq(orders.dealerId, input.dealerId)));
      return { edited: !order || !sameAddress(order.shipTo, input.shipTo) };
    },

    /**
     * Fixes the PO numbers in Postgres before any distributor is called. Idempotent per drop-ship; a PO
     * number another drop-ship already uses fails permanently with a message for the dealer. With
     * `submitting` (workflows since DROPSHIP_PATCHES.fewerTasks), the drop-ship then moves to submitting
     * as recordDropshipStatus would move it.
     */
    async createPurchaseOrders(
      input: DropshipRef & {
        purchaseOrders: Omit<NewPurchaseOrder, 'dealerId' | 'orderId' | 'dropshipId'>[];
        submitting?: { summary: string; actor: Actor };
      },
    ) {
      const taken = (poNumber: string) =>
        ApplicationFailure.create({ type: 'PoNumberTaken', message: `PO number ${poNumber} is already used by another purchase order`, nonRetryable: true });
      const [order] = await db.select({ status: orders.status }).from(orders).where(eq(orders.id, input.orderId));
      if (order?.status === 'cancelled') {
        throw ApplicationFailure.create({ type: 'OrderCancelled', message: 'The buyer cancelled this order, so nothing was ordered', nonRetryable: true });
      }
      // Check every number first, so a taken one leaves no half-created set behind.
      for (const po of input.purchaseOrders) {
        const owner = await poNumberOwner(db, input.dealerId, po.poNumber);
        if (owner !== null && owner !== input.dropshipId) throw taken(po.poNumber);
      }
      for (const po of input.purchaseOrders) {
        const result = await createPurchaseOrder(db, { ...po, dealerId: input.dealerId, orderId: input.orderId, dropshipId: input.dropshipId });
        if (result === 'taken') throw taken(po.poNumber);
      }
      // A re-route's lines have somewhere to go now: what the old PO put in front of the dealer is dealt with.
      const [dropship] = await db.select({ rerouteOf: dropships.rerouteOf }).from(dropships).where(eq(dropships.id, input.dropshipId));
      if (dropship?.rerouteOf) {
        const placed = input.purchaseOrders.map((po) => po.poNumber).join(', ');
        await closePurchaseOrderExceptions(db, input.dealerId, dropship.rerouteOf, REROUTED_AWAY, `its lines were re-routed to ${placed}`);
      }
      if (input.submitting) await writeDropshipStatus(db, { ...input, ...input.submitting, status: 'submitting' });
    },

    /** Records something that happened to the drop-ship without changing its status. */
    async recordDropshipEvent(input: DropshipRef & { type: string; summary: string; actor: Actor }) {
      await appendAuditEvent(db, {
        dealerId: input.dealerId,
        orderId: input.orderId,
        actor: input.actor,
        type: input.type,
        summary: input.summary,
        dedupeKey: `dropship-event:${input.dropshipId}:${input.type}`,
      });
    },

    /**
     * Puts lines that could not be routed in front of the dealer: once per drop-ship, and not again
     * while the same lines of the order wait in the inbox from an earlier attempt.
     */
    async raiseNeedsResolution(input: DropshipRef & { lines: Array<{ dealerSku: string; reasons: string[] }>; revision?: number }) {
      await raiseException(db, {
        dealerId: input.dealerId,
        orderId: input.orderId,
        kind: 'needs_resolution',
        message: input.lines.map((l) => `${l.dealerSku}: ${l.reasons.join('; ')}`).join('\n'),
        // A plan routed again raises under a key of its own: the lines left may differ from the first plan's, whose entry it closed.
        key: input.revision ? `needs-resolution:${input.dropshipId}:${input.revision}` : `needs-resolution:${input.dropshipId}`,
        cause: needsResolutionCause(input, input.lines),
      });
    },
  };
}

type DropshipStatusChange = DropshipRef & { status: string; summary: string; actor: Actor; details?: Record<string, unknown> };

async function writeDropshipStatus(db: Db, input: DropshipStatusChange) {
  await db.transaction(async (tx) => {
    await tx.update(dropships).set({ status: input.status }).where(eq(dropships.id, input.dropshipId));
    if (input.status === 'submitting') await setOrderStatus(tx, input.orderId, 'dropshipping');
    const decided = CONFIRMATION_ENDS[input.status];
    if (decided) await closeExceptionByKey(tx, input.dealerId, confirmReminderKey(input.dropshipId), decided);
    await appendAuditEvent(tx, {
      dealerId: input.dealerId,
      orderId: input.orderId,
      actor: input.actor,
      type: `dropship.${input.status}`,
      summary: input.summary,
      details: input.details,
      // A retry records nothing twice; a drop-ship back in a status for a new reason (a confirmation
      // whose PO number was taken) records that reason.
      dedupeKey: `dropship-status:${input.dropshipId}:${input.status}:${createHash('sha256').update(input.summary).digest('hex').slice(0, 16)}`,
    });
  });
}

/** The order's lines that cannot be drop-shipped, by SKU: the same set is the same trouble, whichever attempt met it. */
function needsResolutionCause(ref: DropshipRef, lines: ReadonlyArray<{ dealerSku: string }>): string {
  return `needs-resolution:${ref.orderId}:${[...new Set(lines.map((l) => l.dealerSku))].sort().join(',')}`;
}

/** The inbox key of a drop-ship's confirmation reminder, as workflows/dropship.ts raises it. */
const confirmReminderKey = (dropshipId: string) => `confirm-reminder:${dropshipId}`;

/** The statuses that end a drop-ship's wait for confirmation, and how its reminder closes then. */
const CONFIRMATION_ENDS: Partial<Record<string, string>> = {
  submitting: 'the drop-ship was confirmed',
  cancelled: 'the drop-ship was cancelled',
  expired: 'the drop-ship expired unconfirmed',
};

/** What a PO's trouble put in front of the dealer that moving its lines to another distributor settles. */
const REROUTED_AWAY = ['po_failed', 'po_unknown', 'po_cancelled_by_distributor', 'po_backordered', 'ship_by_at_risk', 'po_given_up'] as const;

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { findDealer } from '../../db/repositories/dealers.js';
import { previewOrders } from '../../db/repositories/routing-previews.js';
import { dropshipBlockedBecause } from '../../domain/channel-orders.js';
import { defaultPoNumber } from '../../domain/ids.js';
import type { RoutingPreview } from '../../domain/routing-preview.js';
import { confirmUpdate } from '../../workflows/contracts/dropship.js';
import type { ApiDeps } from '../deps.js';
import { dropshipOpening } from '../dropship-opening.js';
import { toDomainError } from '../errors.js';
import { errorResponses, V1_ERRORS } from '../schemas/common.js';
import { bulkDropshipAnswer, bulkDropshipBody } from '../schemas/routing-preview.js';
import { and, eq, inArray } from 'drizzle-orm';
import { orders } from '../../db/schema/index.js';

type Result = z.infer<typeof bulkDropshipAnswer>['results'][number];

/** How many orders of one request are started at a time: enough to be quick, few enough to leave the pool and Temporal to everyone else. */
const AT_ONCE = 4;

/**
 * Drop-ships several ready orders in one request. Each order still gets its own drop-ship workflow,
 * confirmed through the same Update (and its checks) as one confirmed on its own; each answers for
 * itself, so one order's trouble is reported beside the others' success. Repeating the request starts
 * nothing new: an order already taken reports so.
 */
export function bulkDropshipRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const { db } = deps;
  const { openAndStart, planned, answerWithin } = dropshipOpening(deps);

  return async (app) => {
    app.post(
      '/orders/dropships',
      {
        schema: {
          tags: ['drop-ships'],
          summary: 'Drop-ship several ready orders at once, each with its own workflow; the answer says what happened to each',
          body: bulkDropshipBody,
          response: { 200: bulkDropshipAnswer, ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => {
        const { orderIds, acknowledged } = request.body;
        const dealer = (await findDealer(db, request.dealerId))!;
        const unique = [...new Set(orderIds)];
        const rows = await db
          .select()
          .from(orders)
          .where(and(eq(orders.dealerId, request.dealerId), inArray(orders.id, unique)));
        const previews = await previewOrders(db, request.dealerId, rows);
        const mode = dealer.autoProcessing ? 'auto' : 'manual';

        const one = async (orderId: string): Promise<Result> => {
          const order = rows.find((o) => o.id === orderId);
          const base = { orderId, channelOrderId: order?.channelOrderId ?? null, dropshipId: null, purchaseOrders: [] };
          if (!order) return { ...base, outcome: 'failed', message: 'No such order' };
          const preview = previews.get(orderId)!.preview;
          if (preview.state === 'underway') return { ...base, outcome: 'already_dropshipped', message: null };
          if (preview.state !== 'ready') return { ...base, outcome: 'not_ready', message: dropshipBlockedBecause(order.status) ?? problemsOf(preview) };
          try {
            const { dropship, created, handle } = await openAndStart(dealer, order, mode, request.actor);
            let state = await planned(handle);
            const startedNow = created;
            let confirmedNow = false;
            if (state.phase === 'awaiting_confirmation' && acknowledged) {
              state = await answerWithin(() => handle.executeUpdate(confirmUpdate, { args: [{ acknowledged: true, actor: request.actor }] }));
              confirmedNow = true;
            }
            // Right after confirming, the workflow may not have opened its POs yet; a bulk drop-ship never edits their numbers, so they are the generated ones.
            const purchaseOrders =
              state.purchaseOrders.length > 0
                ? state.purchaseOrders.map((po) => ({ distributor: po.distributor, poNumber: po.poNumber }))
                : state.phase === 'awaiting_confirmation'
                  ? []
                  : (state.plan?.purchaseOrders ?? []).map((po) => ({
                      distributor: po.distributor,
                      poNumber: defaultPoNumber(dropship.poBase, po.distributor),
                    }));
            const answer = { ...base, dropshipId: dropship.id, purchaseOrders };
            if (state.phase === 'needs_resolution') return { ...answer, outcome: 'not_ready', message: state.problem ?? problemsOfPlan(state.plan) };
            if (state.phase === 'awaiting_confirmation')
              return { ...answer, outcome: startedNow ? 'awaiting_confirmation' : 'already_dropshipped', message: null };
            if (!startedNow && !confirmedNow) return { ...answer, outcome: 'already_dropshipped', message: null };
            return { ...answer, outcome: 'placed', message: state.problem };
          } catch (error) {
            return { ...base, outcome: 'failed', message: toDomainError(error).message };
          }
        };

        const results: Result[] = [];
        for (let i = 0; i < unique.length; i += AT_ONCE) results.push(...(await Promise.all(unique.slice(i, i + AT_ONCE).map(one))));
        return { results };
      },
    );
  };
}

/** The preview's problems as one sentence per problem, each with its fix. */
function problemsOf(preview: RoutingPreview): string {
  const problems = [...preview.orderProblems, ...preview.lines.flatMap((l) => l.problems)];
  return problems.map((p) => `${p.message} (${p.action.label.toLowerCase()})`).join('; ');
}

function problemsOfPlan(plan: { lines: Array<{ reasons: Array<{ message: string }> }> } | null): string {
  return (plan?.lines ?? []).flatMap((l) => l.reasons.map((r) => r.message)).join('; ') || 'Nothing of this order can be drop-shipped now';
}

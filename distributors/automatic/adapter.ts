import {
  DistributorError,
  type CallLimits,
  type DistributorConnector,
  type DistributorPurchaseOrder,
  type PurchaseOrderRequest,
  type SubmittedPurchaseOrder,
} from '../types.js';
import { AutomaticRefusal, createAutomaticClient, type AutomaticClientOptions } from './client.js';
import { PATHS, formatDate, samePoNumber, type ErrorCode } from './contract.js';
import { mergeLines, orderFor, orderRef, ordersHold, poNumberProblems, toPurchaseOrder, type AutomaticOrderBody } from './mapping.js';
import * as wire from './wire.js';

export type AutomaticConnectorOptions = AutomaticClientOptions;

const refusedFor = (error: unknown, code: ErrorCode): error is AutomaticRefusal => error instanceof AutomaticRefusal && error.codes.includes(code);

/** What the audit trail keeps of a placed order: no ship-to, which is buyer PII. */
function placed(request: PurchaseOrderRequest, body: AutomaticOrderBody, created: wire.AutomaticCreatedOrder): SubmittedPurchaseOrder {
  return {
    poNumber: request.poNumber,
    distributorOrderRefs: [orderRef(created.header)],
    summary: {
      shipMethod: body.header.shipMethod,
      classification: body.shipToAddress.classification,
      lines: body.lines.map((line) => ({ sku: line.partNumber, quantity: line.quantity })),
      orderNumber: created.header.orderNumber,
      orderGenerationNumber: created.header.orderGenerationNumber,
      status: created.header.status ?? undefined,
      confirmedLines: created.lines.map((line) => ({ sku: line.partNumber, quantity: line.quantityOrdered })),
    },
  };
}

/**
 * The Automatic Distributors v2 connector for one dealer account: one POST places the order, the
 * lookup by PO number finds it again, and a revoke cancels what has not shipped. Almost all of this
 * API is our assumption (contract.ts). Automatic has no idempotency key; the PO number is the key.
 */
export function createAutomaticConnector(options: AutomaticConnectorOptions): DistributorConnector {
  const automatic = createAutomaticClient(options);

  /**
   * The lookup may match loosely (its rules are not public), so only our PO number's orders count. A
   * PO number Automatic refuses cannot be there, so it is not asked for: the submit lists why.
   */
  async function ordersUnder(poNumber: string, limits?: CallLimits) {
    if (poNumberProblems(poNumber).length > 0) return [];
    const found = await automatic.request(
      {
        method: 'GET',
        path: `${PATHS.lookup}?${new URLSearchParams({ ponumber: poNumber })}`,
        action: `look up PO ${poNumber}`,
        schema: wire.lookup,
      },
      limits,
    );
    return found.orders.filter((order) => samePoNumber(order.header.ponumber, poNumber));
  }

  async function findPurchaseOrder(poNumber: string, limits?: CallLimits): Promise<DistributorPurchaseOrder | null> {
    const orders = await ordersUnder(poNumber, limits);
    return orders.length > 0 ? toPurchaseOrder(poNumber, orders) : null;
  }

  /**
   * A refused duplicate means an earlier attempt got through (its answer was lost, or it raced this
   * one). When the order there asks for the same parts, it is ours and counts as placed; otherwise
   * the PO number is someone else's and the refusal stands.
   */
  async function placedEarlier(request: PurchaseOrderRequest, refusal: AutomaticRefusal, limits?: CallLimits): Promise<SubmittedPurchaseOrder> {
    const orders = await ordersUnder(request.poNumber, limits);
    if (orders.length === 0 || !ordersHold(orders, mergeLines(request.lines))) throw refusal;
    return {
      poNumber: request.poNumber,
      distributorOrderRefs: orders.map((order) => orderRef(order.header)),
      summary: { foundExisting: true, refusedAsDuplicate: true },
    };
  }

  async function submitPurchaseOrder(request: PurchaseOrderRequest, limits?: CallLimits): Promise<SubmittedPurchaseOrder> {
    const body = orderFor(request);
    try {
      const created = await automatic.request(
        { method: 'POST', path: PATHS.create, body, action: `submit PO ${request.poNumber}`, schema: wire.createdOrder },
        limits,
      );
      return placed(request, body, created);
    } catch (error) {
      if (refusedFor(error, 'DUPLICATE_PO')) return placedEarlier(request, error, limits);
      throw error;
    }
  }

  /**
   * Revokes every order under the PO: Automatic cancels what has not shipped and is not yet being
   * picked; the lookup after it tells what was left. Nothing left to revoke (an earlier revoke whose
   * answer was lost, or everything shipped) is not an error. Everything left already being picked
   * (ORDER_IN_PROCESS) is a refusal: none of it will be cancelled.
   */
  async function cancelPurchaseOrder(poNumber: string, limits?: CallLimits): Promise<void> {
    const problems = poNumberProblems(poNumber);
    if (problems.length > 0) throw new DistributorError('rejected', problems.join('. '));
    try {
      await automatic.request(
        { method: 'POST', path: PATHS.revoke, body: { ponumber: poNumber }, action: `revoke PO ${poNumber}`, schema: wire.revoked },
        limits,
      );
    } catch (error) {
      if (refusedFor(error, 'NOTHING_TO_REVOKE')) return;
      throw error;
    }
  }

  /** Lists today's orders: cheap, and it proves the token may read orders. */
  async function testConnection(limits?: CallLimits): Promise<void> {
    const today = formatDate(new Date());
    await automatic.request(
      {
        method: 'GET',
        path: `${PATHS.range}?${new URLSearchParams({ startDate: today, endDate: today })}`,
        action: 'list orders',
        schema: wire.range,
      },
      limits,
    );
  }

  return {
    distributor: 'automatic',
    capabilities: { liveStock: false, cancel: true, listOrders: false },
    findPurchaseOrder,
    submitPurchaseOrder,
    cancelPurchaseOrder,
    testConnection,
  };
}

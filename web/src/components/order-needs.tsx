import { Link } from '../router';
import type { DashboardOrder } from '../types';

/**
 * What an order needs from the dealer: Process (ready, with the distributor each PO would go to), or
 * Resolve with each problem and the one action that fixes it. An exception open in the inbox for the
 * order is shown too, since it needs the dealer whatever routing says.
 */
/** `onProcess` is left out for someone who may only look (a viewer): the order still says it is ready. */
export function OrderNeeds({
  order,
  distributorName,
  onProcess,
}: {
  order: DashboardOrder;
  distributorName: (id: string) => string;
  onProcess?: (() => void) | undefined;
}) {
  const { preview } = order;
  const problems = [
    ...preview.orderProblems.map((problem) => ({ sku: null, problem })),
    ...preview.lines.flatMap((line) => line.problems.map((problem) => ({ sku: line.dealerSku, problem }))),
  ];
  return (
    <div className="order-needs">
      {preview.state === 'ready' && (
        <span className="needs">
          {onProcess && (
            <button type="button" className="small" onClick={onProcess} aria-label={`Dropship order ${order.channelOrderId}`}>
              Process
            </button>
          )}
          <span className="muted">
            Ready:{' '}
            {preview.purchaseOrders
              .map((po) => `${distributorName(po.distributor)} (${po.lines.map((l) => `${l.dealerSku} × ${l.quantity}`).join(', ')})`)
              .join('; ')}
          </span>
        </span>
      )}
      {(preview.state === 'resolve' || order.attention) && (
        <span className="needs">
          <span className="marker" aria-hidden="true">
            !
          </span>
          <Link to={`/orders/${order.id}`} className="button small">
            Resolve
          </Link>
        </span>
      )}
      {problems.length > 0 && (
        <ul className="problems">
          {problems.map(({ sku, problem }, index) => (
            <li key={index}>
              <span className="reason">
                {sku && problem.code !== 'not_carried' ? `${sku}: ` : ''}
                {problem.message}
              </span>{' '}
              {problem.action.href ? <Link to={problem.action.href}>{problem.action.label}</Link> : <span className="action">{problem.action.label}</span>}
            </li>
          ))}
        </ul>
      )}
      {order.attention && <p className="reason">{order.attention}</p>}
    </div>
  );
}

import { dateTime } from '../format';
import type { Order } from '../types';

const SHIP_BY_ALERTS = { due_soon: 'due within 24 h', overdue: 'overdue' } as const;

/** The order's ship-by date, flagged when an order not shipped yet is due within a day or late. */
export function ShipBy({ order }: { order: Pick<Order, 'shipBy' | 'shipByAlert'> }) {
  if (!order.shipBy) return <span className="muted">—</span>;
  return (
    <span className="ship-by">
      {dateTime(order.shipBy)}
      {order.shipByAlert && <span className={`status status-${order.shipByAlert}`}>{SHIP_BY_ALERTS[order.shipByAlert]}</span>}
    </span>
  );
}

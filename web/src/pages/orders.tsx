import { useState } from 'react';
import { ApiError, withQuery } from '../api';
import { DropshipDialog } from '../components/dropship-dialog';
import { ShipBy } from '../components/ship-by';
import { ErrorBanner, Field, Loading, Status } from '../components/ui';
import { dateTime, words } from '../format';
import { useApi } from '../hooks';
import { Link, navigate } from '../router';
import { CHANNELS, ORDER_STATUSES, type Answer, type InboxEntry, type Order } from '../types';
import { useCan } from '../session';

/** Orders with what each one needs from the dealer: Dropship, or Resolve with the reason. */
export function OrdersPage({ query }: { query: URLSearchParams }) {
  const mayAct = useCan('staff');
  const status = query.get('status') ?? '';
  const channel = query.get('channel') ?? '';
  const attention = query.get('needsResolution') === 'true';
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const byShipBy = query.get('sort') === 'ship_by';
  const orders = useApi<Answer<'/v1/orders', 'get'>>(
    withQuery('/orders', {
      status,
      channel,
      needsResolution: attention ? 'true' : undefined,
      from,
      to,
      sort: byShipBy ? 'ship_by' : undefined,
      cursor: query.get('cursor'),
      limit: 50,
    }),
    5000,
  );
  const attentionItems = useApi<Answer<'/v1/exceptions', 'get'>>('/exceptions?limit=200', 5000);
  const [dropshipping, setDropshipping] = useState<Order | null>(null);

  const needs = new Map<string, InboxEntry>();
  for (const entry of attentionItems.data?.exceptions ?? []) if (entry.order && !needs.has(entry.order.id)) needs.set(entry.order.id, entry);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    // A new filter starts again from the newest order.
    if (name !== 'cursor') next.delete('cursor');
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(withQuery('/orders', Object.fromEntries(next)));
  };

  const rows = orders.data?.orders ?? [];
  const filterError = (name: string) =>
    orders.error instanceof ApiError ? orders.error.fields.find((f) => f.field === `querystring.${name}`)?.message : undefined;

  return (
    <section>
      <h1>Orders</h1>
      <form className="filters" aria-label="Filter orders" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="order-status">Status</label>
          <select id="order-status" value={status} onChange={(e) => setFilter('status', e.target.value)}>
            <option value="">Any</option>
            {ORDER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="order-channel">Channel</label>
          <select id="order-channel" value={channel} onChange={(e) => setFilter('channel', e.target.value)}>
            <option value="">Any</option>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <Field label="Created from" type="date" value={from} onChange={(e) => setFilter('from', e.target.value)} error={filterError('from')} />
        <Field label="Created until" type="date" value={to} onChange={(e) => setFilter('to', e.target.value)} error={filterError('to')} />
        <div className="field">
          <label htmlFor="order-sort">Sort</label>
          <select id="order-sort" value={byShipBy ? 'ship_by' : ''} onChange={(e) => setFilter('sort', e.target.value)}>
            <option value="">Newest first</option>
            <option value="ship_by">Ship-by date, soonest first</option>
          </select>
        </div>
        <div className="field checkbox">
          <input id="order-attention" type="checkbox" checked={attention} onChange={(e) => setFilter('needsResolution', e.target.checked ? 'true' : '')} />
          <label htmlFor="order-attention">Needs attention only</label>
        </div>
      </form>
      <ErrorBanner error={orders.error} />
      {!orders.data && !orders.error && <Loading what="orders" />}
      {orders.data && rows.length === 0 && <p>No orders match.</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Channel</th>
                <th scope="col">Placed</th>
                <th scope="col">Ship by</th>
                <th scope="col">Status</th>
                <th scope="col">Needs you</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((order) => {
                const issue = needs.get(order.id);
                return (
                  <tr key={order.id} className={issue ? 'attention' : undefined}>
                    <td>
                      <Link to={`/orders/${order.id}`}>{order.channelOrderId}</Link>
                    </td>
                    <td>{order.channel}</td>
                    <td>{dateTime(order.placedAt)}</td>
                    <td>
                      <ShipBy order={order} />
                    </td>
                    <td>
                      <Status value={order.status} />
                    </td>
                    <td>
                      {issue ? (
                        <span className="needs">
                          <span className="marker" aria-hidden="true">
                            !
                          </span>
                          <Link to={`/orders/${order.id}`} className="button small">
                            Resolve
                          </Link>{' '}
                          <span className="reason">{issue.message}</span>
                        </span>
                      ) : order.status === 'open' && mayAct ? (
                        <button type="button" className="small" onClick={() => setDropshipping(order)} aria-label={`Dropship order ${order.channelOrderId}`}>
                          Dropship
                        </button>
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {orders.data?.nextCursor && (
        <p>
          <button type="button" onClick={() => setFilter('cursor', orders.data!.nextCursor!)}>
            {byShipBy ? 'Later ship-by dates' : 'Older orders'}
          </button>
        </p>
      )}
      {dropshipping && (
        <DropshipDialog
          orderId={dropshipping.id}
          orderLabel={dropshipping.channelOrderId}
          onClose={(done) => {
            setDropshipping(null);
            if (done) navigate(`/orders/${dropshipping.id}`);
            else void orders.reload();
          }}
        />
      )}
    </section>
  );
}

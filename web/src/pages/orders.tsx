import { useState, type FormEvent } from 'react';
import { ApiError, withQuery } from '../api';
import { BulkDropship } from '../components/bulk-dropship';
import { DropshipDialog } from '../components/dropship-dialog';
import { OrderNeeds } from '../components/order-needs';
import { ShipBy } from '../components/ship-by';
import { ErrorBanner, Field, Loading, Status } from '../components/ui';
import { useDistributors } from '../distributors';
import { age, money, words } from '../format';
import { useApi } from '../hooks';
import { Link, navigate } from '../router';
import { SetupChecklist } from '../components/setup-checklist';
import { useCan } from '../session';
import { CHANNELS, ORDER_STATUSES, type Answer, type DashboardOrder } from '../types';

/** The dashboard: every order with what it needs, Process (ready) or Resolve (the reason and the action that fixes it). */
export function OrdersPage({ query }: { query: URLSearchParams }) {
  const mayAct = useCan('staff');
  const status = query.get('status') ?? '';
  const channel = query.get('channel') ?? '';
  const distributor = query.get('distributor') ?? '';
  const q = query.get('q') ?? '';
  const attention = query.get('needsResolution') === 'true';
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const byShipBy = query.get('sort') === 'ship_by';
  const distributors = useDistributors();
  const orders = useApi<Answer<'/v1/orders', 'get'>>(
    withQuery('/orders', {
      q,
      status,
      channel,
      distributor,
      needsResolution: attention ? 'true' : undefined,
      from,
      to,
      sort: byShipBy ? 'ship_by' : undefined,
      cursor: query.get('cursor'),
      limit: 50,
    }),
    // Any change (an order, its drop-ship, a PO, an inbox item) can move an order between Process and Resolve.
    () => true,
  );
  const [search, setSearch] = useState(q);
  const [dropshipping, setDropshipping] = useState<DashboardOrder | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    // A new filter starts again from the first page.
    if (name !== 'cursor') next.delete('cursor');
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(withQuery('/orders', Object.fromEntries(next)));
  };
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setFilter('q', search.trim());
  };

  const rows = orders.data?.orders ?? [];
  const ready = rows.filter((o) => o.preview.state === 'ready');
  const chosen = ready.filter((o) => selected.has(o.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const filterError = (name: string) =>
    orders.error instanceof ApiError ? orders.error.fields.find((f) => f.field === `querystring.${name}`)?.message : undefined;

  return (
    <section>
      <h1>Orders</h1>
      <SetupChecklist />
      <form className="filters" role="search" aria-label="Find orders" onSubmit={submitSearch}>
        <Field
          label="Search orders"
          hint="Order number, buyer name or email, or SKU"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          error={filterError('q')}
        />
        <button type="submit">Search</button>
      </form>
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
        <div className="field">
          <label htmlFor="order-distributor">Distributor</label>
          <select id="order-distributor" value={distributor} onChange={(e) => setFilter('distributor', e.target.value)}>
            <option value="">Any</option>
            {distributors.list.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
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
          <label htmlFor="order-attention">Needs resolution only</label>
        </div>
      </form>
      <ErrorBanner error={orders.error} />
      <BulkDropship
        orders={chosen}
        onDone={() => {
          setSelected(new Set());
          void orders.reload();
        }}
      />
      {!orders.data && !orders.error && <Loading what="orders" />}
      {orders.data && rows.length === 0 && <p>No orders match.</p>}
      {rows.length > 0 && (
        <table className="cards dashboard">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Select</span>
              </th>
              <th scope="col">Order</th>
              <th scope="col">Items</th>
              <th scope="col">Total</th>
              <th scope="col">Channel</th>
              <th scope="col">Age</th>
              <th scope="col">Ship by</th>
              <th scope="col">Needs</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((order) => {
              const isReady = order.preview.state === 'ready';
              const needsYou = order.preview.state === 'resolve' || order.attention !== null;
              return (
                <tr key={order.id} className={needsYou ? 'attention' : undefined}>
                  <td data-label="Select">
                    {isReady && mayAct ? (
                      <input
                        type="checkbox"
                        aria-label={`Select order ${order.channelOrderId}`}
                        checked={selected.has(order.id)}
                        onChange={(e) => toggle(order.id, e.target.checked)}
                      />
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td data-label="Order">
                    <Link to={`/orders/${order.id}`}>{order.channelOrderId}</Link>
                    <div className="muted">{order.buyerName}</div>
                  </td>
                  <td data-label="Items">
                    <ul className="items">
                      {order.items.map((item, index) => (
                        <li key={index}>
                          {item.dealerSku} × {item.quantity}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label="Total">{money(order.totalCents)}</td>
                  <td data-label="Channel">{order.channel}</td>
                  <td data-label="Age">{age(order.placedAt)}</td>
                  <td data-label="Ship by">
                    <ShipBy order={order} />
                  </td>
                  <td data-label="Needs">
                    {order.preview.state === 'underway' || order.preview.state === 'closed' ? <Status value={order.status} /> : null}
                    <OrderNeeds order={order} distributorName={distributors.name} onProcess={mayAct ? () => setDropshipping(order) : undefined} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
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

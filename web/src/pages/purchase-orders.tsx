import { useState, type FormEvent } from 'react';
import { ApiError, withQuery } from '../api';
import { ErrorBanner, Field, Loading, Status } from '../components/ui';
import { dateTime, words } from '../format';
import { useApi } from '../hooks';
import { Link, navigate } from '../router';
import { useDistributors } from '../distributors';
import { PO_STATUSES, type Answer } from '../types';

const FILTERS = ['poNumber', 'orderId', 'distributor', 'status', 'from', 'to'] as const;

/** Every PO across distributors, found by the start of its PO number, its order, distributor, status or the day it was placed. */
export function PurchaseOrdersPage({ query }: { query: URLSearchParams }) {
  const applied = Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const [form, setForm] = useState(applied);
  const distributors = useDistributors();
  const result = useApi<Answer<'/v1/purchase-orders', 'get'>>(
    withQuery('/purchase-orders', { ...applied, cursor: query.get('cursor'), limit: 50 }),
    (change) => change.kind === 'purchase_order',
  );
  const fieldError = (name: string) =>
    result.error instanceof ApiError ? result.error.fields.find((f) => f.field === `querystring.${name}`)?.message : undefined;

  const search = (event: FormEvent) => {
    event.preventDefault();
    navigate(withQuery('/purchase-orders', { ...form, poNumber: form.poNumber.trim(), orderId: form.orderId.trim() }));
  };
  const set = (name: (typeof FILTERS)[number]) => (value: string) => setForm({ ...form, [name]: value });

  return (
    <section>
      <h1>Purchase orders</h1>
      <form className="filters" role="search" aria-label="Search purchase orders" onSubmit={search}>
        <Field label="PO number" hint="Its start is enough, in any case" value={form.poNumber} onChange={(e) => set('poNumber')(e.target.value)} />
        <Field label="Order number" value={form.orderId} onChange={(e) => set('orderId')(e.target.value)} />
        <div className="field">
          <label htmlFor="po-distributor">Distributor</label>
          <select id="po-distributor" value={form.distributor} onChange={(e) => set('distributor')(e.target.value)}>
            <option value="">Any</option>
            {distributors.list.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="po-status">Status</label>
          <select id="po-status" value={form.status} onChange={(e) => set('status')(e.target.value)}>
            <option value="">Any</option>
            {PO_STATUSES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </div>
        <Field label="Placed from" type="date" value={form.from} onChange={(e) => set('from')(e.target.value)} error={fieldError('from')} />
        <Field label="Placed until" type="date" value={form.to} onChange={(e) => set('to')(e.target.value)} error={fieldError('to')} />
        <button type="submit">Search</button>
      </form>
      <ErrorBanner error={result.error} />
      {!result.data && !result.error && <Loading what="purchase orders" />}
      {result.data?.purchaseOrders.length === 0 && <p>No purchase orders match.</p>}
      {result.data && result.data.purchaseOrders.length > 0 && (
        <table className="cards">
          <thead>
            <tr>
              <th scope="col">PO number</th>
              <th scope="col">Order</th>
              <th scope="col">Distributor</th>
              <th scope="col">Status</th>
              <th scope="col">Packages</th>
              <th scope="col">Placed</th>
            </tr>
          </thead>
          <tbody>
            {result.data.purchaseOrders.map((po) => (
              <tr key={po.id}>
                <td data-label="PO number">
                  <Link to={`/purchase-orders/${encodeURIComponent(po.poNumber)}`}>{po.poNumber}</Link>
                </td>
                <td data-label="Order">
                  <Link to={`/orders/${po.orderId}`} aria-label={`Order ${po.orderNumber}`}>
                    {po.orderNumber}
                  </Link>
                </td>
                <td data-label="Distributor">{distributors.name(po.distributor)}</td>
                <td data-label="Status">
                  <Status value={po.status} />
                </td>
                <td data-label="Packages">{po.shipments.length}</td>
                <td data-label="Placed">{dateTime(po.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result.data?.nextCursor && (
        <p>
          <button type="button" onClick={() => navigate(withQuery('/purchase-orders', { ...applied, cursor: result.data!.nextCursor }))}>
            Older purchase orders
          </button>
        </p>
      )}
    </section>
  );
}

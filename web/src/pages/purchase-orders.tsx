import { useState, type FormEvent } from 'react';
import { withQuery } from '../api';
import { ErrorBanner, Field, Loading, Status } from '../components/ui';
import { dateTime } from '../format';
import { useApi } from '../hooks';
import { Link, navigate } from '../router';
import { useDistributors } from '../distributors';
import type { Answer } from '../types';

const FILTERS = ['poNumber', 'orderId', 'distributor', 'shipped'] as const;

/** Every PO across distributors, searched by PO number, order, distributor or shipped status. */
export function PurchaseOrdersPage({ query }: { query: URLSearchParams }) {
  const applied = Object.fromEntries(FILTERS.map((name) => [name, query.get(name) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const [form, setForm] = useState(applied);
  const distributors = useDistributors();
  const result = useApi<Answer<'/v1/purchase-orders', 'get'>>(
    withQuery('/purchase-orders', { ...applied, cursor: query.get('cursor'), limit: 50 }),
    (change) => change.kind === 'purchase_order',
  );

  const search = (event: FormEvent) => {
    event.preventDefault();
    navigate(withQuery('/purchase-orders', { ...form, poNumber: form.poNumber.trim(), orderId: form.orderId.trim() }));
  };

  return (
    <section>
      <h1>Purchase orders</h1>
      <form className="filters" role="search" aria-label="Search purchase orders" onSubmit={search}>
        <Field label="PO number" value={form.poNumber} onChange={(e) => setForm({ ...form, poNumber: e.target.value })} />
        <Field label="Order id" value={form.orderId} onChange={(e) => setForm({ ...form, orderId: e.target.value })} />
        <div className="field">
          <label htmlFor="po-distributor">Distributor</label>
          <select id="po-distributor" value={form.distributor} onChange={(e) => setForm({ ...form, distributor: e.target.value })}>
            <option value="">Any</option>
            {distributors.list.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="po-shipped">Shipped</label>
          <select id="po-shipped" value={form.shipped} onChange={(e) => setForm({ ...form, shipped: e.target.value })}>
            <option value="">Any</option>
            <option value="true">Shipped</option>
            <option value="false">Not shipped</option>
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      <ErrorBanner error={result.error} />
      {!result.data && !result.error && <Loading what="purchase orders" />}
      {result.data?.purchaseOrders.length === 0 && <p>No purchase orders match.</p>}
      {result.data && result.data.purchaseOrders.length > 0 && (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">PO number</th>
                <th scope="col">Distributor</th>
                <th scope="col">Status</th>
                <th scope="col">Packages</th>
                <th scope="col">Created</th>
                <th scope="col">Order</th>
              </tr>
            </thead>
            <tbody>
              {result.data.purchaseOrders.map((po) => (
                <tr key={po.id}>
                  <td>
                    <Link to={`/purchase-orders/${encodeURIComponent(po.poNumber)}`}>{po.poNumber}</Link>
                  </td>
                  <td>{distributors.name(po.distributor)}</td>
                  <td>
                    <Status value={po.status} />
                  </td>
                  <td>{po.shipments.length}</td>
                  <td>{dateTime(po.createdAt)}</td>
                  <td>
                    <Link to={`/orders/${po.orderId}`}>View order</Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
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

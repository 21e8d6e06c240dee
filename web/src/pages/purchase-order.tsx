import { useRef } from 'react';
import { PoActions, PoResolutionFacts } from '../components/po-actions';
import { ErrorBanner, Loading, Section, Status } from '../components/ui';
import { calendarDate, dateTime, words } from '../format';
import { cancelStateWords } from '../po-actions';
import { useApi } from '../hooks';
import { Link } from '../router';
import { useDistributors } from '../distributors';
import type { PurchaseOrderDetail } from '../types';

/**
 * One PO: what the dealer can do with it, lines with what the distributor did not ship as ordered,
 * the POs it re-routes or was re-routed to, packages with carrier tracking links, and its status
 * history from the audit trail.
 */
export function PurchaseOrderPage({ poNumber }: { poNumber: string }) {
  const orderId = useRef<string>(undefined);
  const po = useApi<PurchaseOrderDetail>(
    `/purchase-orders/${encodeURIComponent(poNumber)}`,
    // Its order's changes too: a re-route makes a new PO, and the packages and history of either show here.
    (change) => change.poNumber === poNumber || (orderId.current !== undefined && change.orderId === orderId.current),
  );
  orderId.current = po.data?.orderId;
  const distributors = useDistributors();
  if (!po.data) return po.error ? <ErrorBanner error={po.error} /> : <Loading what={`purchase order ${poNumber}`} />;
  const { lines } = po.data;
  const shows = {
    backordered: lines.some((l) => l.backorderedQty > 0),
    cancelled: lines.some((l) => l.cancelledQty > 0),
    rerouted: lines.some((l) => l.reroutedQty > 0),
    cancelState: lines.some((l) => l.cancelState !== null),
  };
  return (
    <section>
      <p>
        <Link to="/purchase-orders">← Purchase orders</Link>
      </p>
      <h1>
        PO {po.data.poNumber} <Status value={po.data.status} />
      </h1>
      <dl className="facts">
        <dt>Distributor</dt>
        <dd>{distributors.name(po.data.distributor)}</dd>
        <dt>Shipping method</dt>
        <dd>{po.data.shipMethod}</dd>
        <dt>Submitted</dt>
        <dd>{dateTime(po.data.submittedAt)}</dd>
        <dt>Order</dt>
        <dd>
          <Link to={`/orders/${po.data.orderId}`}>View order</Link>
        </dd>
        {po.data.failureReason && (
          <>
            <dt>Problem</dt>
            <dd className="error-text">{po.data.failureReason}</dd>
          </>
        )}
        <PoResolutionFacts po={po.data} />
      </dl>
      <PoActions po={po.data} distributor={distributors.name(po.data.distributor)} onChanged={() => void po.reload()} />

      <Section title="Lines" id="po-lines">
        <div className="table-wrap">
          <table className="cards">
            <thead>
              <tr>
                <th scope="col">Dealer SKU</th>
                <th scope="col">Distributor SKU</th>
                <th scope="col">Ordered</th>
                <th scope="col">Shipped</th>
                {shows.backordered && <th scope="col">Backordered</th>}
                {shows.cancelled && <th scope="col">Cancelled</th>}
                {shows.rerouted && <th scope="col">Re-routed</th>}
                {shows.cancelState && <th scope="col">Cancellation</th>}
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.orderLineId}>
                  <td data-label="Dealer SKU">{line.dealerSku}</td>
                  <td data-label="Distributor SKU">{line.distributorSku}</td>
                  <td data-label="Ordered">{line.quantity}</td>
                  <td data-label="Shipped">{line.shippedQty}</td>
                  {shows.backordered && <td data-label="Backordered">{line.backorderedQty}</td>}
                  {shows.cancelled && <td data-label="Cancelled">{line.cancelledQty}</td>}
                  {shows.rerouted && <td data-label="Re-routed">{line.reroutedQty}</td>}
                  {shows.cancelState && (
                    <td data-label="Cancellation">
                      {line.cancelState ? <Status value={`cancel-${line.cancelState}`} label={cancelStateWords(line.cancelState)} /> : '—'}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>

      <Section title="Packages" id="packages">
        {po.data.shipments.length === 0 ? (
          <p className="muted">Nothing shipped yet; this page updates by itself.</p>
        ) : (
          <table className="cards">
            <thead>
              <tr>
                <th scope="col">Carrier</th>
                <th scope="col">Tracking</th>
                <th scope="col">Shipped</th>
                <th scope="col">Contents</th>
              </tr>
            </thead>
            <tbody>
              {po.data.shipments.map((s) => (
                <tr key={s.id}>
                  <td data-label="Carrier">{s.carrier}</td>
                  <td data-label="Tracking">
                    {s.trackingUrl ? (
                      <a href={s.trackingUrl} target="_blank" rel="noreferrer">
                        {s.trackingNumber}
                      </a>
                    ) : (
                      s.trackingNumber
                    )}
                  </td>
                  <td data-label="Shipped">{calendarDate(s.shippedOn)}</td>
                  <td data-label="Contents">{s.lines.map((l) => `${l.quantity} × ${l.distributorSku}`).join(', ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title="Status history" id="history">
        <ol className="timeline">
          {po.data.statusHistory.map((event, index) => (
            <li key={index}>
              <time dateTime={event.at}>{dateTime(event.at)}</time>
              <span className="actor">{event.actorId ?? words(event.actorType)}</span>
              <span>
                <Status value={event.status} /> {event.summary}
              </span>
            </li>
          ))}
        </ol>
      </Section>
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import { withQuery } from '../api';
import { DropshipDialog } from '../components/dropship-dialog';
import { ShipBy } from '../components/ship-by';
import { hasResolution, LineTroubleList, PoActions, PoResolutionFacts } from '../components/po-actions';
import { ErrorBanner, Loading, Section, Status } from '../components/ui';
import { calendarDate, dateTime, money, words } from '../format';
import { useApi } from '../hooks';
import { Link } from '../router';
import { useDistributors } from '../distributors';
import type { OrderDetail } from '../types';
import { useCan } from '../session';

const DROPSHIP_OPEN = new Set(['starting', 'planning', 'awaiting_confirmation']);

/** One order: its lines and how each was routed, its POs with their packages and what the dealer can do with each, and its audit trail. */
export function OrderPage({ orderId }: { orderId: string }) {
  const order = useApi<OrderDetail>(`/orders/${orderId}`, (change) => change.orderId === orderId);
  const distributors = useDistributors();
  const [dialogOpen, setDialogOpen] = useState(false);
  // A confirmation the workflow accepted; its POs are placed next and arrive here from the live stream.
  const [confirmed, setConfirmed] = useState(false);
  const mayAct = useCan('staff');
  // Keyboard users come back to the Dropship button when the dialog closes, even when the live updates
  // that came meanwhile drew the button anew (the dialog itself can only focus the element it opened from).
  const dropshipButton = useRef<HTMLButtonElement>(null);
  const dialogWasOpen = useRef(false);
  useEffect(() => {
    if (dialogWasOpen.current && !dialogOpen) dropshipButton.current?.focus();
    dialogWasOpen.current = dialogOpen;
  }, [dialogOpen]);
  if (!order.data) return order.error ? <ErrorBanner error={order.error} /> : <Loading what="the order" />;

  const detail = order.data;
  const latest = detail.dropships.at(-1);
  const canDropship = detail.status === 'open' || (detail.status === 'dropshipping' && latest && DROPSHIP_OPEN.has(latest.status));

  return (
    <section>
      <p>
        <Link to="/orders">← Orders</Link>
      </p>
      <div className="title-row">
        <h1>
          Order {detail.channelOrderId} <Status value={detail.status} />
        </h1>
        {canDropship && mayAct && (
          <button type="button" ref={dropshipButton} onClick={() => setDialogOpen(true)}>
            {latest && DROPSHIP_OPEN.has(latest.status) ? 'Review drop-ship' : 'Dropship'}
          </button>
        )}
      </div>
      <ErrorBanner error={order.error} />
      {confirmed && latest && DROPSHIP_OPEN.has(latest.status) && (
        <p className="banner" role="status">
          Confirmation accepted: Dropline is placing the purchase orders. They show here as they are placed.
        </p>
      )}
      <dl className="facts">
        <dt>Channel</dt>
        <dd>{detail.channel}</dd>
        <dt>Placed</dt>
        <dd>{dateTime(detail.placedAt)}</dd>
        <dt>Ship by</dt>
        <dd>
          <ShipBy order={detail} />
        </dd>
        <dt>Buyer</dt>
        <dd>{detail.buyerName}</dd>
        <dt>Ship to</dt>
        <dd>
          {detail.shipTo.line1}, {detail.shipTo.city}, {detail.shipTo.region} {detail.shipTo.postalCode} {detail.shipTo.country}
        </dd>
        <dt>Shipping rate</dt>
        <dd>{detail.shippingRateName}</dd>
      </dl>

      <Section title="Lines" id="lines">
        <div className="table-wrap">
          <table className="cards">
            <thead>
              <tr>
                <th scope="col">SKU</th>
                <th scope="col">Qty</th>
                <th scope="col">Price</th>
                <th scope="col">Eligibility</th>
                <th scope="col">Routing</th>
              </tr>
            </thead>
            <tbody>
              {detail.lines.map((line) => {
                const plan = line.eligibility;
                return (
                  <tr key={line.id}>
                    <th scope="row" data-label="SKU">
                      {line.dealerSku}
                      {line.title && <small className="muted block">{line.title}</small>}
                    </th>
                    <td data-label="Qty">{line.quantity}</td>
                    <td data-label="Price">{money(line.unitPriceCents)}</td>
                    <td data-label="Eligibility">
                      {!plan ? (
                        <span className="muted">Not routed yet</span>
                      ) : plan.status === 'routed' ? (
                        <Status value="eligible" />
                      ) : (
                        <>
                          <Status value={plan.status} />
                          <ul className="reasons">
                            {plan.reasons.map((r) => (
                              <li key={r.code}>{r.message}</li>
                            ))}
                          </ul>
                          {plan.reasons.some((r) => r.code === 'not_carried') && latest && (
                            <Link to={withQuery('/catalog', { q: line.dealerSku, sku: line.dealerSku, order: detail.id, dropship: latest.id })}>
                              Fix in catalog
                            </Link>
                          )}
                        </>
                      )}
                    </td>
                    <td data-label="Routing">
                      {plan?.chosen ? (
                        <>
                          <strong>{distributors.name(plan.chosen.distributor)}</strong>
                          <ul className="why">
                            {plan.why.map((w) => (
                              <li key={w}>{w}</li>
                            ))}
                            {plan.candidates
                              .filter((c) => c.distributor !== plan.chosen?.distributor)
                              .map((c) => (
                                <li key={c.distributor}>
                                  Also: {distributors.name(c.distributor)} (
                                  {c.eligible ? `${c.availableQty} in stock, ${money(c.costCents)}` : c.reasons.map((r) => r.message).join('; ')})
                                </li>
                              ))}
                          </ul>
                        </>
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
      </Section>

      <Section title="Purchase orders and shipments" id="pos">
        {detail.purchaseOrders.length === 0 && <p className="muted">No purchase orders yet.</p>}
        {detail.purchaseOrders.map((po) => (
          <article key={po.id} className="po-summary">
            <h3>
              <Link to={`/purchase-orders/${encodeURIComponent(po.poNumber)}`}>{po.poNumber}</Link> · {distributors.name(po.distributor)}{' '}
              <Status value={po.status} />
            </h3>
            {po.failureReason && <p className="error-text">{po.failureReason}</p>}
            <LineTroubleList po={po} />
            {hasResolution(po) && (
              <dl className="facts">
                <PoResolutionFacts po={po} />
              </dl>
            )}
            <PoActions po={po} distributor={distributors.name(po.distributor)} onChanged={() => void order.reload()} />
            {po.shipments.length === 0 ? (
              <p className="muted">Nothing shipped yet.</p>
            ) : (
              <ul className="packages">
                {po.shipments.map((s) => (
                  <li key={s.id}>
                    {s.carrier}{' '}
                    {s.trackingUrl ? (
                      <a href={s.trackingUrl} target="_blank" rel="noreferrer">
                        {s.trackingNumber}
                      </a>
                    ) : (
                      s.trackingNumber
                    )}
                    {s.shippedOn && ` shipped ${calendarDate(s.shippedOn)}`}{' '}
                    <span className="muted">{s.lines.map((l) => `${l.quantity} × ${l.distributorSku}`).join(', ')}</span>
                  </li>
                ))}
              </ul>
            )}
          </article>
        ))}
      </Section>

      <Section title="Audit trail" id="audit">
        <ol className="timeline">
          {detail.auditTrail.map((event) => (
            <li key={event.id}>
              <time dateTime={event.at}>{dateTime(event.at)}</time>
              <span className="actor">{event.actorId ?? words(event.actorType)}</span>
              <span>{event.summary}</span>
            </li>
          ))}
        </ol>
      </Section>

      {dialogOpen && (
        <DropshipDialog
          orderId={detail.id}
          orderLabel={detail.channelOrderId}
          onClose={(accepted) => {
            setDialogOpen(false);
            setConfirmed(accepted);
            void order.reload();
          }}
        />
      )}
    </section>
  );
}

import { useState } from 'react';
import { api, errorText } from '../api';
import { ErrorBanner, Loading } from '../components/ui';
import { dateTime } from '../format';
import { useApi } from '../hooks';
import { Link } from '../router';
import type { Answer, InboxEntry } from '../types';

/** Where each kind of exception is fixed. */
function fixLink(entry: InboxEntry): { to: string; label: string } | null {
  const po = entry.poNumber ? { to: `/purchase-orders/${encodeURIComponent(entry.poNumber)}`, label: `Open PO ${entry.poNumber}` } : null;
  const order = entry.order ? { to: `/orders/${entry.order.id}`, label: `Open order ${entry.order.channelOrderId}` } : null;
  switch (entry.kind) {
    case 'po_failed':
    case 'po_unknown':
    case 'distributor_account':
    case 'po_given_up':
    case 'notification_failed':
    case 'po_cancelled_by_distributor':
    case 'po_backordered':
    case 'cancellation_task':
    case 'shipped_after_cancel':
      return po ?? order;
    default:
      return order ?? po;
  }
}

/** The exception inbox: everything that needs the dealer, each with a link to where it is fixed. */
export function ExceptionsPage() {
  const inbox = useApi<Answer<'/v1/exceptions', 'get'>>('/exceptions?limit=200', 5000);
  const [actionError, setActionError] = useState<string>();

  const resolve = async (entry: InboxEntry) => {
    try {
      await api('POST', `/exceptions/${entry.id}/resolve`);
      await inbox.reload();
    } catch (error) {
      setActionError(errorText(error));
    }
  };

  return (
    <section>
      <h1>Exceptions</h1>
      <ErrorBanner error={inbox.error ?? actionError} />
      {!inbox.data && !inbox.error && <Loading what="exceptions" />}
      {inbox.data?.exceptions.length === 0 && <p>Nothing needs you right now.</p>}
      <ul className="inbox">
        {inbox.data?.exceptions.map((entry) => {
          const link = fixLink(entry);
          return (
            <li key={entry.id} className="card">
              <h2>{entry.title}</h2>
              <p>{entry.message}</p>
              <p className="muted">Raised {dateTime(entry.raisedAt)}</p>
              <div className="actions">
                {link && (
                  <Link to={link.to} className="button small">
                    {link.label}
                  </Link>
                )}
                <button type="button" className="secondary small" onClick={() => void resolve(entry)}>
                  Mark dealt with
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

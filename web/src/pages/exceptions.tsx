import { useState } from 'react';
import { api, errorText, withQuery } from '../api';
import { ErrorBanner, Loading } from '../components/ui';
import { dateTime } from '../format';
import { useApi } from '../hooks';
import { Link, navigate } from '../router';
import { useCan } from '../session';
import { EXCEPTION_VIEWS, type Answer, type ExceptionAction, type ExceptionKind, type InboxEntry } from '../types';

/** Each kind in a few words, for the filter, most urgent first as the API lists them. */
const KIND_LABELS: Record<ExceptionKind, string> = {
  po_failed: 'PO not accepted',
  po_unknown: 'PO not verified',
  distributor_account: 'Distributor account',
  order_cancelled_on_channel: 'Cancelled by the buyer',
  po_cancelled_by_distributor: 'Cancelled by the distributor',
  po_backordered: 'Backordered',
  cancellation_task: 'Cancellation to ask for',
  shipped_after_cancel: 'Shipped after cancel',
  ship_by_at_risk: 'Ship-by at risk',
  needs_resolution: 'Lines to resolve',
  po_given_up: 'PO given up',
  confirmation_waiting: 'Drop-ship to confirm',
  notification_failed: 'Email or channel update failed',
};

const KINDS = Object.keys(KIND_LABELS) as ExceptionKind[];

const VIEW_LABELS: Record<(typeof EXCEPTION_VIEWS)[number], string> = { open: 'Open', resolved: 'Resolved', all: 'All' };

/**
 * Where each action is taken: the PO's own page holds retry, re-route and cancellation (the action
 * named in the link, so the page can lead with it); lines and confirmations are on the order.
 */
function actionLink(entry: InboxEntry, action: ExceptionAction): { to: string; label: string } | null {
  const po = entry.poNumber;
  const poPage = po ? `/purchase-orders/${encodeURIComponent(po)}?action=${action}` : null;
  const orderPage = entry.order ? `/orders/${entry.order.id}` : null;
  const orderName = entry.order ? ` for order ${entry.order.channelOrderId}` : '';
  switch (action) {
    case 'retry':
      return poPage ? { to: poPage, label: `Retry PO ${po}` } : null;
    case 'reroute':
      return poPage ? { to: poPage, label: `Re-route PO ${po}` } : null;
    case 'request_cancellation': {
      const to = poPage ?? orderPage;
      return to ? { to, label: po ? `Request cancellation of PO ${po}` : `Request cancellation${orderName}` } : null;
    }
    case 'follow_cancellation':
      return poPage ? { to: poPage, label: `Follow the cancellation of PO ${po}` } : null;
    case 'resolve_lines':
      return orderPage ? { to: orderPage, label: `Resolve lines${orderName}` } : null;
    case 'confirm_dropship':
      return orderPage ? { to: orderPage, label: `Confirm the drop-ship${orderName}` } : null;
    case 'reconnect_account':
      return { to: '/settings#automation', label: 'Reconnect the account in Settings' };
  }
}

/** The entry's actions as links, or where to look when it has none. */
function links(entry: InboxEntry): Array<{ to: string; label: string }> {
  const actions = entry.actions.flatMap((action) => actionLink(entry, action) ?? []);
  if (actions.length > 0) return actions;
  if (entry.poNumber) return [{ to: `/purchase-orders/${encodeURIComponent(entry.poNumber)}`, label: `Open PO ${entry.poNumber}` }];
  if (entry.order) return [{ to: `/orders/${entry.order.id}`, label: `Open order ${entry.order.channelOrderId}` }];
  return [];
}

/** Who or what closed it, and when. */
function resolution(entry: InboxEntry): string {
  const when = dateTime(entry.resolvedAt);
  if (entry.closedByItself) return `Closed by itself on ${when}${entry.resolution ? `: ${entry.resolution}` : ''}`;
  return `Marked dealt with by ${entry.resolvedBy ?? 'someone'} on ${when}`;
}

/** The exception inbox: everything that needs the dealer, each with the action that fixes it; and what was resolved, and how. */
export function ExceptionsPage({ query }: { query: URLSearchParams }) {
  const mayAct = useCan('staff');
  const view = EXCEPTION_VIEWS.find((v) => v === query.get('status')) ?? 'open';
  const kind = KINDS.find((k) => k === query.get('kind'));
  const inbox = useApi<Answer<'/v1/exceptions', 'get'>>(withQuery('/exceptions', { status: view, kind, limit: 200 }), (change) => change.kind === 'exception');
  const [actionError, setActionError] = useState<string>();

  const setFilter = (name: 'status' | 'kind', value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    navigate(withQuery('/exceptions', Object.fromEntries(next)));
  };

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
      <form className="filters" aria-label="Filter exceptions" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="exception-view">Show</label>
          <select id="exception-view" value={view} onChange={(e) => setFilter('status', e.target.value === 'open' ? '' : e.target.value)}>
            {EXCEPTION_VIEWS.map((v) => (
              <option key={v} value={v}>
                {VIEW_LABELS[v]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="exception-kind">Kind</label>
          <select id="exception-kind" value={kind ?? ''} onChange={(e) => setFilter('kind', e.target.value)}>
            <option value="">Any</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
      </form>
      <ErrorBanner error={inbox.error ?? actionError} />
      {!inbox.data && !inbox.error && <Loading what="exceptions" />}
      {inbox.data?.exceptions.length === 0 && <p>{view === 'open' ? 'Nothing needs you right now.' : 'Nothing here.'}</p>}
      <ul className="inbox">
        {inbox.data?.exceptions.map((entry) => (
          <li key={entry.id} className="card">
            <h2>{entry.title}</h2>
            <p className="message">{entry.message}</p>
            <p className="muted">Raised {dateTime(entry.raisedAt)}</p>
            {entry.status === 'resolved' ? (
              <p className="resolution">{resolution(entry)}</p>
            ) : (
              <div className="actions">
                {links(entry).map((link, index) => (
                  <Link key={link.to + link.label} to={link.to} className={`button small${index > 0 ? ' secondary' : ''}`}>
                    {link.label}
                  </Link>
                ))}
                {mayAct && (
                  <button type="button" className="secondary small" onClick={() => void resolve(entry)}>
                    Mark dealt with
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

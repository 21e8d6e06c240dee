import { useState } from 'react';
import { api, errorText } from '../api';
import type { Answer, DashboardOrder } from '../types';

type Result = Answer<'/v1/orders/dropships', 'post'>['results'][number];

const OUTCOMES: Record<Result['outcome'], string> = {
  placed: 'purchase orders placed',
  awaiting_confirmation: 'waiting for your confirmation',
  already_dropshipped: 'already drop-shipped',
  not_ready: 'not drop-shipped',
  failed: 'not drop-shipped',
};

/**
 * Drop-ships the selected ready orders in one action. Each order still gets its own drop-ship and
 * confirmation; the summary says what happened to each.
 */
export function BulkDropship({ orders, onDone }: { orders: DashboardOrder[]; onDone: () => void }) {
  const [acknowledged, setAcknowledged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<Result[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    if (!acknowledged) {
      setError('Tick "I am placing real orders with the distributors" to drop-ship the selected orders.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await api<Answer<'/v1/orders/dropships', 'post'>>('POST', '/orders/dropships', { orderIds: orders.map((o) => o.id), acknowledged: true });
      setResults(answer.results);
      setAcknowledged(false);
      onDone();
    } catch (caught) {
      setError(errorText(caught));
    } finally {
      setBusy(false);
    }
  };

  const placed = results?.filter((r) => r.outcome === 'placed' || r.outcome === 'awaiting_confirmation').length ?? 0;
  return (
    <>
      {orders.length > 0 && (
        <div className="bulk-bar" role="group" aria-label="Selected orders">
          <div className="field checkbox">
            <input id="bulk-acknowledged" type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />
            <label htmlFor="bulk-acknowledged">I am placing real orders with the distributors</label>
          </div>
          <button type="button" onClick={() => void run()} disabled={busy}>
            {busy ? 'Drop-shipping…' : `Drop-ship ${orders.length} selected`}
          </button>
        </div>
      )}
      {error && (
        <p className="banner error" role="alert">
          {error}
        </p>
      )}
      {results && (
        <div className="banner" role="status" aria-label="Drop-ship result">
          <p>
            {placed} of {results.length} {results.length === 1 ? 'order' : 'orders'} drop-shipped.{' '}
            <button type="button" className="link" onClick={() => setResults(null)}>
              Dismiss
            </button>
          </p>
          <ul>
            {results.map((r) => (
              <li key={r.orderId}>
                {r.channelOrderId ?? 'Unknown order'}: {OUTCOMES[r.outcome]}
                {r.purchaseOrders.length > 0 && ` (${r.purchaseOrders.map((po) => po.poNumber).join(', ')})`}
                {r.message && `: ${r.message}`}
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

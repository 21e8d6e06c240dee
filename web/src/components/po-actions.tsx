import { useEffect, useRef, useState } from 'react';
import { api, ApiError, errorText } from '../api';
import { dateTime } from '../format';
import { actionPrompt, cancellationSummary, cancelStateWords, lineTrouble, type PoAction } from '../po-actions';
import { Link } from '../router';
import type { DropshipState, PurchaseOrder } from '../types';
import { DropshipDialog } from './dropship-dialog';
import { useCan } from '../session';
import { Field } from './ui';

const poPath = (poNumber: string) => `/purchase-orders/${encodeURIComponent(poNumber)}`;

/**
 * The actions the PO allows now (retry, re-route, request cancellation), each behind a confirmation
 * that says what will happen. A re-route goes straight on to confirming its new drop-ship.
 * `onChanged` after anything was done, so the page reads the PO again.
 */
export function PoActions({ po, distributor, onChanged }: { po: PurchaseOrder; distributor: string; onChanged: () => void }) {
  const [chosen, setChosen] = useState<PoAction | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; reasonField?: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [rerouting, setRerouting] = useState(false);
  const panelId = `po-action-${po.id}`;
  const panel = useRef<HTMLDivElement>(null);
  const buttons = useRef(new Map<PoAction, HTMLButtonElement>());
  // What focus should do after the next render: go into the confirmation, or back to the button that opened it.
  const [focusTo, setFocusTo] = useState<{ panel: true } | { button: PoAction } | null>(null);

  useEffect(() => {
    if (!focusTo) return;
    if ('panel' in focusTo) {
      // The first field in error, else the refusal, else the first field or button of the confirmation.
      const target = ['[aria-invalid="true"]', '[role="alert"]', 'input, button:not([disabled])']
        .map((selector) => panel.current?.querySelector<HTMLElement>(selector))
        .find(Boolean);
      target?.focus();
    } else buttons.current.get(focusTo.button)?.focus();
    setFocusTo(null);
  }, [focusTo]);
  const mayAct = useCan('staff');

  const open = (action: PoAction) => {
    setChosen(action === chosen ? null : action);
    setProblem(null);
    setNotice(null);
    setFocusTo(action === chosen ? null : { panel: true });
  };

  const close = () => {
    if (chosen) setFocusTo({ button: chosen });
    setChosen(null);
  };

  const act = async (action: PoAction) => {
    if (action === 'reroute') {
      setChosen(null);
      setRerouting(true);
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const path = `${poPath(po.poNumber)}/${action === 'retry' ? 'retry' : 'cancellation'}`;
      const body = action === 'request_cancellation' && reason.trim() ? { reason: reason.trim() } : {};
      // A retry answers the PO; a cancellation request is accepted (202) and its outcome arrives on the PO, read again below.
      await api<unknown>('POST', path, body);
      setNotice(
        action === 'retry'
          ? `Retrying PO ${po.poNumber}: Dropline looks it up at ${distributor} before sending anything.`
          : `Dropline asked ${distributor} to cancel PO ${po.poNumber}; what ${distributor} answers shows here as it comes in.`,
      );
      close();
      setReason('');
    } catch (error) {
      const field = error instanceof ApiError ? error.fields.find((f) => f.field === 'body.reason') : undefined;
      setProblem(field ? { message: errorText(error), reasonField: field.message } : { message: errorText(error) });
      setFocusTo({ panel: true });
    } finally {
      // A refusal usually means the PO moved on under the open page: read it again either way.
      onChanged();
      setBusy(false);
    }
  };

  const prompt = chosen && actionPrompt(chosen, po, distributor);
  // The PO may have moved on since the dealer opened the confirmation (the answer to a refused click says how).
  const stillOffered = chosen !== null && po.actions.includes(chosen);
  return (
    <>
      {po.actions.length > 0 && mayAct && (
        <div className="actions po-actions" role="group" aria-label={`What you can do with PO ${po.poNumber}`}>
          {po.actions.map((action) => (
            <button
              key={action}
              ref={(button) => {
                if (button) buttons.current.set(action, button);
                else buttons.current.delete(action);
              }}
              type="button"
              className={chosen === action ? 'small' : 'secondary small'}
              aria-expanded={chosen === action}
              aria-controls={panelId}
              onClick={() => open(action)}
            >
              {actionPrompt(action, po, distributor).label}
            </button>
          ))}
        </div>
      )}
      {prompt && chosen && (
        <div
          className="confirm-action"
          id={panelId}
          ref={panel}
          role="region"
          aria-label={`${prompt.label}: PO ${po.poNumber}`}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && !busy) {
              event.stopPropagation();
              close();
            }
          }}
        >
          <p>{prompt.explanation}</p>
          {chosen === 'request_cancellation' && (
            <Field
              label="Reason (optional, kept in the audit trail)"
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              error={problem?.reasonField}
            />
          )}
          {problem && (
            <p className="banner error" role="alert" tabIndex={-1}>
              {problem.message}
            </p>
          )}
          <div className="actions">
            {stillOffered && (
              <button type="button" disabled={busy} onClick={() => void act(chosen)}>
                {prompt.confirm}
              </button>
            )}
            <button type="button" className="secondary" disabled={busy} onClick={close}>
              {stillOffered ? 'Keep it as it is' : 'Close'}
            </button>
          </div>
        </div>
      )}
      {notice && (
        <p className="banner ok" role="status">
          {notice}
        </p>
      )}
      {rerouting && (
        <DropshipDialog
          orderId={po.orderId}
          orderLabel={po.poNumber}
          title={`Re-route PO ${po.poNumber}`}
          start={() => api<DropshipState>('POST', `${poPath(po.poNumber)}/reroute`, { mode: 'manual' })}
          onClose={(confirmed) => {
            setRerouting(false);
            setFocusTo({ button: 'reroute' });
            if (confirmed) setNotice(`The new purchase order is being placed; it is linked from PO ${po.poNumber} as soon as Dropline has written it.`);
            onChanged();
          }}
        />
      )}
    </>
  );
}

/**
 * How the PO was resolved, as rows of a `dl.facts`: the PO it re-routes, the POs that took its lines
 * over, and where a request to cancel it stands.
 */
export function PoResolutionFacts({ po }: { po: PurchaseOrder }) {
  const summary = cancellationSummary(po);
  return (
    <>
      {po.reroutedFrom && (
        <>
          <dt>Re-routes</dt>
          <dd>
            Lines of PO <Link to={poPath(po.reroutedFrom)}>{po.reroutedFrom}</Link>
          </dd>
        </>
      )}
      {po.reroutedTo.length > 0 && (
        <>
          <dt>Re-routed to</dt>
          <dd>
            {po.reroutedTo.map((poNumber, index) => (
              <span key={poNumber}>
                {index > 0 && ', '}
                PO <Link to={poPath(poNumber)}>{poNumber}</Link>
              </span>
            ))}
          </dd>
        </>
      )}
      {po.cancellation && (
        <>
          <dt>Cancellation</dt>
          <dd className="cancellation">
            <strong>{summary}</strong>
            <small className="muted block">
              Requested {dateTime(po.cancellation.requestedAt)} by {po.cancellation.requestedBy}
              {po.cancellation.reason ? `: “${po.cancellation.reason}”` : ''}
            </small>
            {po.cancellation.note && <span className="block">{po.cancellation.note}</span>}
          </dd>
        </>
      )}
    </>
  );
}

/** True when the PO has anything PoResolutionFacts shows. */
export const hasResolution = (po: PurchaseOrder) => po.reroutedFrom !== null || po.reroutedTo.length > 0 || po.cancellation !== null;

/** Each line the distributor did not ship as ordered, or that a cancellation covers, in one sentence per line. */
export function LineTroubleList({ po }: { po: PurchaseOrder }) {
  const lines = po.lines
    .map((line) => ({ line, text: [lineTrouble(line), line.cancelState ? cancelStateWords(line.cancelState) : ''].filter(Boolean).join('; ') }))
    .filter((l) => l.text);
  if (lines.length === 0) return null;
  return (
    <ul className="why">
      {lines.map(({ line, text }) => (
        <li key={line.orderLineId}>
          {line.dealerSku}: {text}
        </li>
      ))}
    </ul>
  );
}

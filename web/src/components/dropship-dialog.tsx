import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError, errorText } from '../api';
import { placeProblems, type PlacedProblems } from '../dropship-problems';
import { dropshipSentence, money, words } from '../format';
import { describeDistributors, loadDistributors, type Distributors } from '../distributors';
import type { Accepted, Address, CandidateAssessment, DistributorId, DropshipState, OrderDetail } from '../types';
import { Field } from './ui';

const SHIP_TO_FIELDS: Array<[keyof Address, string]> = [
  ['name', 'Recipient name'],
  ['company', 'Company'],
  ['line1', 'Street address'],
  ['line2', 'Address line 2'],
  ['city', 'City'],
  ['region', 'State or region'],
  ['postalCode', 'Postal code'],
  ['country', 'Country'],
  ['phone', 'Phone'],
];

const candidateLabel = (distributors: Distributors, c: CandidateAssessment) =>
  `${distributors.name(c.distributor)} — ${c.availableQty} in stock, ${money(c.costCents)}, ${c.leadTimeDays === null ? 'no lead time' : `${c.leadTimeDays} day lead time`}`;

/**
 * Starts (or reopens) the order's drop-ship in manual mode and lets the dealer check and edit the
 * proposed POs, swap lines between distributors, and confirm — or cancel the drop-ship.
 * `start` opens another drop-ship of the order instead (a PO's re-route), under `title`.
 * `onClose(true)` once a confirmation is accepted (the POs are placed after; the order page shows them arrive).
 */
export function DropshipDialog({
  orderId,
  orderLabel,
  title = `Drop-ship order ${orderLabel}`,
  start,
  onClose,
}: {
  orderId: string;
  orderLabel: string;
  title?: string;
  start?: () => Promise<DropshipState>;
  onClose: (confirmed: boolean) => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  // Called once, when the dialog opens; a parent's re-render must not route the lines again.
  const opener = useRef(start ?? (() => api<DropshipState>('POST', `/orders/${orderId}/dropships`, { mode: 'manual' })));
  const [state, setState] = useState<DropshipState | null>(null);
  const [order, setOrder] = useState<OrderDetail | null>(null);
  const [poNumbers, setPoNumbers] = useState<Partial<Record<DistributorId, string>>>({});
  const [shipTo, setShipTo] = useState<Address | null>(null);
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [acknowledged, setAcknowledged] = useState(false);
  const [problems, setProblems] = useState<PlacedProblems>({ byField: {}, general: [] });
  const [loadError, setLoadError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const poBase = useRef('');
  const [distributors, setDistributors] = useState<Distributors>(describeDistributors([]));
  // Bumped by each refused confirmation, so focus moves to what the dealer must fix.
  const [refusals, setRefusals] = useState(0);
  const summary = useRef<HTMLUListElement>(null);
  // The line whose distributor select was disabled while its swap ran, which drops focus; it gets it back.
  const [swapped, setSwapped] = useState<string | null>(null);

  useEffect(() => {
    // Keyboard users come back to the button that opened the dialog, however it closes.
    const openedFrom = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.showModal();
    let live = true;
    void (async () => {
      try {
        const started = await opener.current();
        const [detail, known] = await Promise.all([api<OrderDetail>('GET', `/orders/${orderId}`), loadDistributors()]);
        if (!live) return;
        setDistributors(describeDistributors(known));
        poBase.current = detail.dropships.find((d) => d.id === started.id)?.poBase ?? '';
        setOrder(detail);
        setShipTo({ ...detail.shipTo });
        setState(started);
        setPoNumbers(defaultPoNumbers(started, {}, known));
        const routed = started.plan?.lines.filter((l) => l.status === 'routed') ?? [];
        setQuantities(Object.fromEntries(routed.map((l) => [l.lineId, String(l.quantity)])));
      } catch (error) {
        if (live) setLoadError(error);
      }
    })();
    return () => {
      live = false;
      openedFrom?.focus();
    };
  }, [orderId]);

  // Once the proposal is in, the dealer starts at its first field (or the one button there is).
  const phase = state?.phase;
  useEffect(() => {
    if (phase) dialog.current?.querySelector<HTMLElement>('input, select, textarea, button:not([disabled])')?.focus();
  }, [phase]);

  useEffect(() => {
    if (!swapped || busy) return;
    document.getElementById(`dist-${swapped}`)?.focus();
    setSwapped(null);
  }, [swapped, busy]);

  // After a refusal, focus stays in the dialog: on the first field in error, else on the list of problems.
  useEffect(() => {
    if (refusals === 0) return;
    const invalid = dialog.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? summary.current)?.focus();
  }, [refusals]);

  // The server's generated PO numbers (the drop-ship's PO base, a dash and the distributor's suffix), for the dealer to type over.
  const defaultPoNumbers = (next: DropshipState, current: Partial<Record<DistributorId, string>>, known = distributors.list) =>
    Object.fromEntries(
      (next.plan?.purchaseOrders ?? []).map((po) => [
        po.distributor,
        current[po.distributor] ?? `${poBase.current}-${known.find((d) => d.id === po.distributor)?.poSuffix ?? ''}`,
      ]),
    );

  const swap = async (lineId: string, distributor: DistributorId) => {
    if (!state) return;
    setBusy(true);
    try {
      // Accepted means the plan has the line swapped: read it back (the answer says where).
      const accepted = await api<Accepted>('POST', `/dropships/${state.id}/swap-line`, { lineId, distributor });
      const next = await api<DropshipState>('GET', accepted.location.replace(/^\/v1/, ''));
      setState(next);
      setPoNumbers((current) => defaultPoNumbers(next, current));
      setProblems({ byField: {}, general: [] });
    } catch (error) {
      setProblems({ byField: { [`distributor.${lineId}`]: errorText(error) }, general: [] });
    } finally {
      setBusy(false);
      setSwapped(lineId);
    }
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!state || !order || !shipTo) return;
    setBusy(true);
    const routed = state.plan?.lines.filter((l) => l.status === 'routed') ?? [];
    const changedQuantities = Object.fromEntries(
      routed.filter((l) => quantities[l.lineId] !== String(l.quantity)).map((l) => [l.lineId, Number(quantities[l.lineId])]),
    );
    const shipToChanged = JSON.stringify(shipTo) !== JSON.stringify(order.shipTo);
    try {
      await api('POST', `/dropships/${state.id}/confirm`, {
        acknowledged,
        poNumbers,
        ...(shipToChanged ? { shipTo: withoutBlanks(shipTo) } : {}),
        ...(Object.keys(changedQuantities).length ? { quantities: changedQuantities } : {}),
      });
      onClose(true);
    } catch (error) {
      setProblems(error instanceof ApiError ? placeProblems(error, state.plan, poNumbers) : { byField: {}, general: [errorText(error)] });
      setBusy(false);
      setRefusals((n) => n + 1);
    }
  };

  const cancelDropship = async () => {
    if (state?.phase === 'awaiting_confirmation') {
      setBusy(true);
      try {
        await api('POST', `/dropships/${state.id}/cancel`, { reason: 'Cancelled by the dealer before ordering' });
      } catch (error) {
        setProblems({ byField: {}, general: [errorText(error)] });
        setBusy(false);
        return;
      }
    }
    onClose(false);
  };

  const fieldError = (key: string) => problems.byField[key];
  const plan = state?.plan;
  const unrouted = plan?.lines.filter((l) => l.status !== 'routed') ?? [];

  return (
    <dialog
      ref={dialog}
      className="dropship"
      aria-labelledby="dropship-title"
      onCancel={(event) => {
        event.preventDefault();
        onClose(false);
      }}
    >
      <form onSubmit={confirm} noValidate>
        <h2 id="dropship-title">{title}</h2>
        {loadError !== null && (
          <p className="banner error" role="alert">
            {errorText(loadError)}
          </p>
        )}
        {!state && loadError === null && <p aria-live="polite">Routing the lines…</p>}
        {state && state.phase !== 'awaiting_confirmation' && (
          <p className="banner" role="status">
            {dropshipSentence(state.phase)}
            {state.problem ? `: ${state.problem}` : '.'}
          </p>
        )}
        {state?.phase === 'awaiting_confirmation' && state.problem && (
          <p className="banner error" role="alert">
            The last confirmation could not be carried out: {state.problem}. Change it and confirm again.
          </p>
        )}
        {problems.general.length > 0 && (
          <ul className="banner error" role="alert" ref={summary} tabIndex={-1}>
            {problems.general.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}

        {state?.phase === 'awaiting_confirmation' &&
          plan?.purchaseOrders.map((po) => (
            <fieldset key={po.distributor} className="po">
              <legend>{distributors.name(po.distributor)} purchase order</legend>
              <div className="row">
                <Field
                  label={`PO number for ${distributors.name(po.distributor)}`}
                  value={poNumbers[po.distributor] ?? ''}
                  onChange={(e) => setPoNumbers({ ...poNumbers, [po.distributor]: e.target.value })}
                  error={fieldError(`poNumbers.${po.distributor}`)}
                />
                <div className="field">
                  <span className="label">Shipping method</span>
                  <span className="value">{po.shipMethod}</span>
                </div>
              </div>
              <table>
                <thead>
                  <tr>
                    <th scope="col">Part</th>
                    <th scope="col">Quantity</th>
                    <th scope="col">Distributor</th>
                  </tr>
                </thead>
                <tbody>
                  {po.lines.map((poLine) => {
                    const line = plan.lines.find((l) => l.lineId === poLine.lineId)!;
                    const choices = line.candidates.filter((c) => c.eligible);
                    const qtyError = fieldError(`quantities.${line.lineId}`);
                    const swapError = fieldError(`distributor.${line.lineId}`);
                    return (
                      <tr key={line.lineId}>
                        <th scope="row">
                          {line.dealerSku}
                          <small className="muted"> {poLine.distributorSku}</small>
                          <ul className="why">
                            {line.why.map((w) => (
                              <li key={w}>{w}</li>
                            ))}
                          </ul>
                        </th>
                        <td data-label="Quantity">
                          <label className="visually-hidden" htmlFor={`qty-${line.lineId}`}>
                            Quantity of {line.dealerSku}
                          </label>
                          <input
                            id={`qty-${line.lineId}`}
                            type="number"
                            min={1}
                            max={line.quantity}
                            className="qty"
                            value={quantities[line.lineId] ?? ''}
                            onChange={(e) => setQuantities({ ...quantities, [line.lineId]: e.target.value })}
                            aria-invalid={qtyError ? true : undefined}
                            aria-describedby={qtyError ? `qty-${line.lineId}-error` : undefined}
                          />
                          {qtyError && (
                            <small id={`qty-${line.lineId}-error`} className="error-text" role="alert">
                              {qtyError}
                            </small>
                          )}
                        </td>
                        <td data-label="Distributor">
                          <label className="visually-hidden" htmlFor={`dist-${line.lineId}`}>
                            Distributor for {line.dealerSku}
                          </label>
                          <select
                            id={`dist-${line.lineId}`}
                            value={po.distributor}
                            disabled={busy}
                            onChange={(e) => void swap(line.lineId, e.target.value as DistributorId)}
                          >
                            {choices.map((c) => (
                              <option key={c.distributor} value={c.distributor}>
                                {candidateLabel(distributors, c)}
                              </option>
                            ))}
                          </select>
                          {line.candidates
                            .filter((c) => !c.eligible)
                            .map((c) => (
                              <small key={c.distributor} className="muted block">
                                Not {distributors.name(c.distributor)}: {c.reasons.map((r) => r.message).join('; ')}
                              </small>
                            ))}
                          {swapError && (
                            <small className="error-text block" role="alert">
                              {swapError}
                            </small>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </fieldset>
          ))}

        {unrouted.length > 0 && (
          <fieldset>
            <legend>Lines that will not be drop-shipped</legend>
            <ul>
              {unrouted.map((line) => (
                <li key={line.lineId}>
                  <strong>{line.dealerSku}</strong>: {line.reasons.map((r) => r.message).join('; ') || words(line.status)}
                </li>
              ))}
            </ul>
          </fieldset>
        )}

        {state?.phase === 'awaiting_confirmation' && shipTo && (
          <fieldset className="ship-to">
            <legend>Ship to</legend>
            <div className="grid">
              {SHIP_TO_FIELDS.map(([key, label]) => (
                <Field
                  key={key}
                  label={label}
                  value={shipTo[key] ?? ''}
                  onChange={(e) => setShipTo({ ...shipTo, [key]: e.target.value })}
                  error={fieldError(`shipTo.${key}`)}
                />
              ))}
            </div>
          </fieldset>
        )}

        {state?.phase === 'awaiting_confirmation' && (
          <div className={`field checkbox${fieldError('acknowledged') ? ' invalid' : ''}`}>
            <input
              id="acknowledged"
              type="checkbox"
              checked={acknowledged}
              onChange={(e) => setAcknowledged(e.target.checked)}
              aria-invalid={fieldError('acknowledged') ? true : undefined}
              aria-describedby={fieldError('acknowledged') ? 'acknowledged-error' : undefined}
            />
            <label htmlFor="acknowledged">I am placing a real order with the distributor</label>
            {fieldError('acknowledged') && (
              <small id="acknowledged-error" className="error-text block" role="alert">
                {fieldError('acknowledged')}
              </small>
            )}
          </div>
        )}

        <div className="actions">
          {state?.phase === 'awaiting_confirmation' && (
            <button type="submit" disabled={busy}>
              Place purchase orders
            </button>
          )}
          <button type="button" className="secondary" disabled={busy} onClick={() => void cancelDropship()}>
            {state?.phase === 'awaiting_confirmation' ? 'Cancel drop-ship' : 'Close'}
          </button>
        </div>
      </form>
    </dialog>
  );
}

function withoutBlanks(address: Address): Address {
  return Object.fromEntries(Object.entries(address).filter(([, value]) => typeof value === 'string' && value.trim() !== '')) as unknown as Address;
}

import type { PurchaseOrder } from './types';

export type PoAction = PurchaseOrder['actions'][number];
export type LineCancelState = NonNullable<PurchaseOrder['lines'][number]['cancelState']>;

/** What the dealer is about to do, said before they do it. */
export interface ActionPrompt {
  /** The button that opens the confirmation. */
  label: string;
  /** What will happen, in the dealer's words. */
  explanation: string;
  /** The button that does it. */
  confirm: string;
}

/** The button and the confirmation for one of the PO's actions; `distributor` is the distributor's name. */
export function actionPrompt(action: PoAction, po: Pick<PurchaseOrder, 'poNumber' | 'status'>, distributor: string): ActionPrompt {
  switch (action) {
    case 'retry':
      return {
        label: 'Retry',
        explanation: `Dropline first looks up PO ${po.poNumber} at ${distributor}, and sends it again under the same number only if ${distributor} does not have it, so it is never ordered twice.`,
        confirm: `Retry PO ${po.poNumber}`,
      };
    case 'reroute':
      return {
        label: 'Re-route to another distributor',
        explanation: `Dropline routes ${
          po.status === 'failed' ? `the lines ${distributor} refused` : `what ${distributor} cancelled or backordered`
        } again, without ${distributor}. You check and confirm the new purchase order before anything is ordered; PO ${po.poNumber} keeps its history and links to it.`,
        confirm: 'Route again',
      };
    case 'request_cancellation':
      return {
        label: 'Request cancellation',
        explanation: `Dropline asks ${distributor} to cancel what has not shipped on PO ${po.poNumber}: through its cancel API where it has one, otherwise as a task telling you whom to contact. Anything already shipped still arrives.`,
        confirm: 'Ask to cancel',
      };
  }
}

const CANCEL_STATE_WORDS: Record<LineCancelState, string> = {
  requested: 'cancellation requested',
  cancelled: 'cancelled as requested',
  refused: 'cancellation refused',
  unknown: 'cancellation unconfirmed',
  shipped_after_cancel: 'shipped after cancel requested',
};

export const cancelStateWords = (state: LineCancelState) => CANCEL_STATE_WORDS[state];

/** Where the request to cancel stands, across the lines it covers. */
export function cancellationSummary(po: Pick<PurchaseOrder, 'cancellation' | 'lines'>): string | null {
  if (!po.cancellation) return null;
  const states = po.lines.map((l) => l.cancelState).filter((s): s is LineCancelState => s !== null);
  const how = po.cancellation.via === 'api' ? " through the distributor's cancel API" : po.cancellation.via === 'task' ? ', a task for you' : '';
  if (states.length === 0) return `Cancellation requested${how}`;
  const counts = new Map<LineCancelState, number>();
  for (const state of states) counts.set(state, (counts.get(state) ?? 0) + 1);
  if (counts.size === 1) return `${capitalise(cancelStateWords(states[0]!))}${how}`;
  return `${[...counts].map(([state, n]) => `${n} ${n === 1 ? 'line' : 'lines'} ${cancelStateWords(state)}`).join(', ')}${how}`;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The quantities the distributor did not ship as ordered, e.g. "1 backordered, 2 re-routed"; empty when none. */
export function lineTrouble(line: PurchaseOrder['lines'][number]): string {
  return [
    line.backorderedQty ? `${line.backorderedQty} backordered` : '',
    line.cancelledQty ? `${line.cancelledQty} cancelled` : '',
    line.reroutedQty ? `${line.reroutedQty} re-routed` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

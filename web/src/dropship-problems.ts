import type { ApiError } from './api';
import type { DistributorId, DropshipPlan } from './types';

/** Where a refused confirmation's problems belong in the drop-ship form: input key → message. */
export interface PlacedProblems {
  byField: Record<string, string>;
  /** Problems no single input is responsible for. */
  general: string[];
}

const SHIP_TO_LABELS: Array<[RegExp, string]> = [
  [/recipient name/i, 'name'],
  [/street address/i, 'line1'],
  [/\bcity\b/i, 'city'],
  [/state or region/i, 'region'],
  [/postal code|zip code/i, 'postalCode'],
  [/country/i, 'country'],
];

/**
 * Maps the API's `details.fields` (request validation: `body.shipTo.city`) and the workflow's
 * `details.problems` (sentences from its confirmation check) to the form's input keys
 * (`shipTo.city`, `poNumbers.wps`, `quantities.<lineId>`, `acknowledged`).
 */
export function placeProblems(error: ApiError, plan: DropshipPlan | null, poNumbers: Partial<Record<DistributorId, string>>): PlacedProblems {
  const placed: PlacedProblems = { byField: {}, general: [] };
  const put = (key: string | null, message: string) => {
    if (key && !(key in placed.byField)) placed.byField[key] = message;
    else if (!key) placed.general.push(message);
  };
  const poFieldFor = (text: string): string | null => {
    const entry = Object.entries(poNumbers).find(([, value]) => value && text.includes(`${value}`));
    return entry ? `poNumbers.${entry[0]}` : null;
  };

  for (const { field, message } of error.fields) {
    const key = field.replace(/^body\./, '');
    put(key === 'poNumbers' ? poFieldFor(message) : key, message);
  }
  for (const problem of error.problems) {
    if (/^Tick /.test(problem)) put('acknowledged', problem);
    else if (/^PO number "/.test(problem)) put(poFieldFor(problem.replace(/ is used for both.*/, '')), problem);
    else if (/^Ship-to /.test(problem)) put(shipToField(problem), problem);
    else if (/^Quantity for /.test(problem)) put(quantityField(problem, plan), problem);
    else put(null, problem);
  }
  if (error.fields.length === 0 && error.problems.length === 0) placed.general.push(error.message);
  return placed;
}

function shipToField(problem: string): string | null {
  const match = SHIP_TO_LABELS.find(([pattern]) => pattern.test(problem));
  return match ? `shipTo.${match[1]}` : null;
}

function quantityField(problem: string, plan: DropshipPlan | null): string | null {
  const sku = /^Quantity for (\S+)/.exec(problem)?.[1];
  const line = plan?.lines.find((l) => l.dealerSku === sku);
  return line ? `quantities.${line.lineId}` : null;
}

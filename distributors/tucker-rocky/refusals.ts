import type { DistributorErrorKind } from '../types.js';
import type { TrwsOutcome } from './wire.js';

/**
 * What a failing TRWS answer means to us: one of the permanent DistributorError kinds, or a duplicate
 * PO, which the connector answers by looking the PO up. `hint` tells the dealer what to do.
 */
export interface Refusal {
  kind: Extract<DistributorErrorKind, 'auth' | 'not_ready' | 'unknown_item' | 'rejected'> | 'duplicate_po';
  reason: string;
  hint: string;
}

/**
 * Key words of Tucker's refusals, most decisive first: a missing credit card fails every order of the
 * account whatever else is wrong, and its message names the customer, so it is tested before the
 * credentials. The wordings are not public (contract.ts); these are the words any wording of each
 * reason is likely to use.
 */
const RULES: ReadonlyArray<{ pattern: RegExp } & Omit<Refusal, 'reason'>> = [
  {
    pattern: /credit\s*card/i,
    kind: 'not_ready',
    hint: 'Tucker Rocky drop-ships only for accounts with a credit card on file: the dealer needs to add one with Tucker.',
  },
  {
    pattern: /api\s*key|apikey|customer\s*(number|#|no\b)|not\s*authori[sz]ed|unauthori[sz]ed|access\s*denied/i,
    kind: 'auth',
    hint: "Check the dealer's Tucker Rocky customer number and API key.",
  },
  { pattern: /duplicate/i, kind: 'duplicate_po', hint: 'Tucker Rocky already has an order with this PO number.' },
  {
    pattern: /\bitem\b.*\b(invalid|not\s*found|unknown|does\s*not\s*exist)\b|\b(invalid|unknown)\s*item\b/i,
    kind: 'unknown_item',
    hint: 'Check the item numbers mapped to Tucker Rocky.',
  },
  {
    pattern: /carrier/i,
    kind: 'rejected',
    hint: "Check the Tucker Rocky carrier code in the dealer's shipping mappings (e.g. UG).",
  },
];

/**
 * Reads a failing answer (status not SUCCESSFUL). Every text counts, the order's and each line's: an
 * order refused for "errors in lines" is an unknown item when a line says so. The reason quotes them
 * all, each line's named by its item.
 */
export function refusalOf(outcome: TrwsOutcome): Refusal {
  const lines = [...(outcome.orderinput?.orderline ?? []), ...(outcome.orderoutput?.orderline ?? []), ...outcome.item]
    .map((line) => ({ item: line.itemnum, said: line.errormsg?.trim() ?? '' }))
    .filter((line) => line.said !== '');
  const message = outcome.errormsg?.trim() ?? '';
  const texts = [message, ...lines.map((line) => line.said)].filter(Boolean);
  const quoted = [message, ...lines.map(({ item, said }) => (item ? `item ${item}: ${said}` : said))].filter(Boolean);
  const reason = [...new Set(quoted)].join('; ') || `status ${outcome.status} and no reason given`;
  const rule = RULES.find(({ pattern }) => texts.some((text) => pattern.test(text)));
  return { kind: rule?.kind ?? 'rejected', reason, hint: rule?.hint ?? '' };
}

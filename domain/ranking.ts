import { DISTRIBUTOR_NAMES } from './distributors.js';
import type { DistributorId } from './distributors.js';
import { MAX_DROPSHIP_LEAD_TIME_DAYS } from './dropship-plan.js';
import type { CandidateAssessment } from './dropship-plan.js';
import { formatCents } from './money.js';

/**
 * Orders candidates best first: eligible, then dealer preference, more stock, lower cost, shorter
 * lead time, and finally distributor id and SKU so equal candidates always come out the same way
 * (workflow replay depends on it).
 */
export function rankCandidates(candidates: readonly CandidateAssessment[], preference: readonly DistributorId[]): CandidateAssessment[] {
  return [...candidates].sort((a, b) => {
    for (const criterion of CRITERIA) {
      const order = criterion.compare(a, b, preference);
      if (order !== 0) return order;
    }
    return 0;
  });
}

/** Position in the dealer's preference; unlisted distributors share the last place. */
export function preferenceRank(distributor: DistributorId, preference: readonly DistributorId[]): number {
  const index = preference.indexOf(distributor);
  return index === -1 ? preference.length : index;
}

/**
 * Explains, in the dealer's words, why `chosen` won over the other eligible candidates: the criterion
 * that decided it against the runner-up, plus a cost note when a cheaper alternative lost on something
 * else, since that is what a dealer weighs when deciding whether to swap.
 */
export function explainChoice(
  chosen: CandidateAssessment,
  ranked: readonly CandidateAssessment[],
  dealerSku: string,
  preference: readonly DistributorId[],
): string[] {
  const others = ranked.filter((c) => c !== chosen && c.eligible);
  const name = DISTRIBUTOR_NAMES[chosen.distributor];
  const runnerUp = others[0];
  const samePart = chosen.samePartAs
    ? [`${name} ${chosen.distributorSku} is the same part (${chosen.samePartAs.brand} ${chosen.samePartAs.manufacturerPartNumber}) under another SKU`]
    : [];
  if (!runnerUp) {
    return [
      ranked.length === 1 ? `${name} is the only distributor that carries SKU ${dealerSku}` : `${name} is the only eligible distributor for SKU ${dealerSku}`,
      ...samePart,
    ];
  }

  const decider = CRITERIA.find((c) => c.compare(chosen, runnerUp, preference) !== 0) ?? TIE_BREAK;
  const why = [decider.explain(chosen, runnerUp, others, preference), ...samePart];
  const cheapest = others.reduce((best, c) => (c.costCents < best.costCents ? c : best));
  if (cheapest.costCents < chosen.costCents) {
    const [cheaperLabel] = labels(cheapest, chosen);
    why.push(`${cheaperLabel} would cost less (${formatCents(cheapest.costCents)} vs ${formatCents(chosen.costCents)})`);
  }
  return why;
}

interface Criterion {
  compare(a: CandidateAssessment, b: CandidateAssessment, preference: readonly DistributorId[]): number;
  explain(chosen: CandidateAssessment, runnerUp: CandidateAssessment, others: readonly CandidateAssessment[], preference: readonly DistributorId[]): string;
}

const TIE_BREAK: Criterion = {
  compare: (a, b) => compareText(a.distributor, b.distributor) || compareText(a.distributorSku, b.distributorSku),
  explain(chosen, runnerUp) {
    const [a, b] = labels(chosen, runnerUp);
    return `${a} and ${b} tie on preference, stock, cost and lead time; ${a} was picked by a fixed tie-break`;
  },
};

const CRITERIA: readonly Criterion[] = [
  {
    compare: (a, b) => Number(b.eligible) - Number(a.eligible),
    // Only eligible candidates are ever compared in explanations, so this never decides one.
    explain: (chosen) => `${DISTRIBUTOR_NAMES[chosen.distributor]} is eligible`,
  },
  {
    compare: (a, b, preference) => preferenceRank(a.distributor, preference) - preferenceRank(b.distributor, preference),
    explain(chosen, runnerUp, _others, preference) {
      const [a, b] = labels(chosen, runnerUp);
      if (preferenceRank(chosen.distributor, preference) === 0) return `${a} is first in your distributor preference`;
      if (!preference.includes(runnerUp.distributor)) return `${a} is in your distributor preference and ${b} is not`;
      return `${a} is ahead of ${b} in your distributor preference`;
    },
  },
  {
    compare: (a, b) => b.availableQty - a.availableQty,
    explain(chosen, runnerUp) {
      const [a] = labels(chosen, runnerUp);
      return `${a} has more in stock (${chosen.availableQty} vs ${runnerUp.availableQty} units ` + `at ${MAX_DROPSHIP_LEAD_TIME_DAYS}-day warehouses)`;
    },
  },
  {
    compare: (a, b) => a.costCents - b.costCents,
    explain(chosen, runnerUp, others) {
      const [a, b] = labels(chosen, runnerUp);
      const prices = `(${formatCents(chosen.costCents)} vs ${formatCents(runnerUp.costCents)})`;
      // "Lowest" only when true across all alternatives: a cheaper one may have lost on preference.
      return others.every((c) => chosen.costCents <= c.costCents) ? `${a} has the lowest cost ${prices}` : `${a} costs less than ${b} ${prices}`;
    },
  },
  {
    compare: (a, b) => (a.leadTimeDays ?? Infinity) - (b.leadTimeDays ?? Infinity) || 0,
    explain(chosen, runnerUp) {
      const [a] = labels(chosen, runnerUp);
      return `${a} ships sooner (${days(chosen.leadTimeDays)} vs ${days(runnerUp.leadTimeDays)} lead time)`;
    },
  },
  TIE_BREAK,
];

/** Names two candidates; adds the SKU when both are the same distributor, or the sentence is ambiguous. */
function labels(a: CandidateAssessment, b: CandidateAssessment): [string, string] {
  const label = (c: CandidateAssessment) =>
    a.distributor === b.distributor ? `${DISTRIBUTOR_NAMES[c.distributor]} ${c.distributorSku}` : DISTRIBUTOR_NAMES[c.distributor];
  return [label(a), label(b)];
}

function days(n: number | null): string {
  if (n === null) return 'no stock';
  return `${n} day${n === 1 ? '' : 's'}`;
}

function compareText(a: string, b: string): number {
  // Plain code-unit order, not localeCompare: the result must not depend on the runtime's locale.
  return a < b ? -1 : a > b ? 1 : 0;
}

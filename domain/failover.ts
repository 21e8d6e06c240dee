/**
 * A dealer's failover policy (DESIGN.md §7): off by default; when on, lines a distributor refuses,
 * cancels or keeps backordered too long are re-routed once to the next eligible distributor, never
 * above the cost ceiling.
 */
export interface FailoverPolicy {
  enabled: boolean;
  onRefusal: boolean;
  onDistributorCancel: boolean;
  /** Days a line may stay backordered before it is re-routed; null never re-routes backorders. */
  backorderDays: number | null;
  /** The most a re-routed line may cost, as a share of its sale price (85 = 85 %). */
  maxCostPercent: number;
}

export const DEFAULT_FAILOVER_POLICY: FailoverPolicy = {
  enabled: false,
  onRefusal: true,
  onDistributorCancel: true,
  backorderDays: 5,
  maxCostPercent: 85,
};

export type FailoverTrigger = 'refused' | 'cancelled' | 'backordered';

const TRIGGER_WORDS: Record<FailoverTrigger, string> = {
  refused: 'a refused purchase order',
  cancelled: 'lines the distributor cancelled',
  backordered: 'lines backordered too long',
};

/** Null when the policy re-routes on this trigger; otherwise why it does not, for the audit trail. */
export function failoverRefusal(policy: FailoverPolicy, trigger: FailoverTrigger): string | null {
  if (!policy.enabled) return 'automatic failover is off in your settings';
  const on = trigger === 'refused' ? policy.onRefusal : trigger === 'cancelled' ? policy.onDistributorCancel : policy.backorderDays !== null;
  return on ? null : `your failover policy does not re-route ${TRIGGER_WORDS[trigger]}`;
}

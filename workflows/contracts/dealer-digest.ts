import type { DigestDelivery } from '../../activities/digest.js';

export { dealerDigestWorkflowId } from '../../domain/ids.js';

/** The workflow type the worker registers (its export name in workflows/index.ts). */
export const DEALER_DIGEST_WORKFLOW = 'dealerDigest';
export type DealerDigestWorkflow = (input: DealerDigestInput) => Promise<DealerDigestResult>;

export interface DealerDigestInput {
  dealerId: string;
}

export interface DealerDigestResult {
  /** The dealer's calendar day the digest was for. */
  day: string;
  delivery: DigestDelivery | 'nothing_to_report';
  count: number;
}

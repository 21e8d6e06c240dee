import { DISTRIBUTOR_NAMES, distributorProfile, type DistributorId } from './distributors.js';

/** What a dealer's distributor account holds, as far as readiness goes (nothing secret). */
export interface AccountOnFile {
  configured: boolean;
  taxIdOnFile: boolean;
  creditCardOnFile: boolean;
}

/**
 * What is still missing before the distributor takes drop-ship orders on the dealer's account, one
 * sentence each for the settings page and the first-run checklist; empty when it is ready. The same
 * rules routing applies (domain/eligibility.ts), worded as what to do.
 */
export function accountMissing(distributor: DistributorId, account: AccountOnFile | undefined): string[] {
  const name = DISTRIBUTOR_NAMES[distributor];
  const { requires } = distributorProfile(distributor);
  return [
    ...(account?.configured ? [] : [`Save your ${name} credentials`]),
    ...(requires.taxIdOnFile && !account?.taxIdOnFile ? [`Put your Tax ID on file with ${name}, then tick “Tax ID on file”`] : []),
    ...(requires.creditCardOnFile && !account?.creditCardOnFile ? [`Put a credit card on file with ${name}, then tick “Credit card on file”`] : []),
  ];
}

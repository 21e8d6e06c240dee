import { carrierFromName } from '../../distributors/carrier-names.js';
import type { Carrier } from '../../distributors/carriers.js';
import { OTHER_CARRIER_CODE } from './contract.js';

export interface AmazonCarrier {
  carrierCode: string;
  /** Required with the catch-all code, so the buyer at least sees who carries the package. */
  carrierName?: string;
}

/**
 * Amazon's carrierCode for each carrier we name (external-apis §7). OnTrac goes as `Other` with its
 * name: §7 leaves an `OnTrac` code unverified, and a code Amazon does not know refuses the package.
 */
const AMAZON_CARRIERS: Record<Carrier, AmazonCarrier> = {
  UPS: { carrierCode: 'UPS' },
  FedEx: { carrierCode: 'FedEx' },
  USPS: { carrierCode: 'USPS' },
  OnTrac: { carrierCode: OTHER_CARRIER_CODE, carrierName: 'OnTrac' },
};

/** A carrier that names none of ours goes as `Other` with the distributor's own word for it. */
export function amazonCarrier(carrier: string): AmazonCarrier {
  const known = carrierFromName(carrier);
  if (known) return AMAZON_CARRIERS[known];
  return { carrierCode: OTHER_CARRIER_CODE, carrierName: carrier.trim() || OTHER_CARRIER_CODE };
}

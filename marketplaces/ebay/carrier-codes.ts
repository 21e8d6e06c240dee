import { carrierFromName } from '../../distributors/carrier-names.js';
import type { Carrier } from '../../distributors/carriers.js';

/**
 * eBay's ShippingCarrierCodeType value for each carrier we name. OnTrac is `ONTRACK` in eBay's
 * enumeration (external-apis §7 leaves it open between that and `Other`); `Other` would be accepted
 * but gives the buyer no tracking link.
 */
const EBAY_CARRIER_CODES: Record<Carrier, string> = {
  UPS: 'UPS',
  FedEx: 'FedEx',
  USPS: 'USPS',
  OnTrac: 'ONTRACK',
};

/** Codes that name none of our carriers are passed through: they may already be eBay's own. */
export function ebayCarrierCode(carrier: string): string {
  const known = carrierFromName(carrier);
  return known ? EBAY_CARRIER_CODES[known] : carrier;
}

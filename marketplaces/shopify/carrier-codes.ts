import { carrierFromName } from '../../distributors/carrier-names.js';
import type { Carrier } from '../../distributors/carriers.js';

/**
 * `trackingInfo.company` for each carrier we name, spelled exactly as on Shopify's supported list
 * (capitals matter), so Shopify builds the buyer's tracking link itself (external-apis §5.3, §7).
 */
const SHOPIFY_COMPANIES: Record<Carrier, string> = {
  UPS: 'UPS',
  FedEx: 'FedEx',
  USPS: 'USPS',
  OnTrac: 'OnTrac',
};

/** Shopify takes any company name; one not on its list just gets no tracking link. */
export function shopifyTrackingCompany(carrier: string): string {
  const known = carrierFromName(carrier);
  return known ? SHOPIFY_COMPANIES[known] : carrier;
}

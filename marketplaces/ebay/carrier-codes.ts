import { carrierFromName } from '../../distributors/carrier-names.js';
import type { Carrier } from '../../distributors/carriers.js';

/**
 * eBay's ShippingCarrierCodeType value for each carrier we name. OnTrac is `ONTRACK` in eBay's
 * enumeration; a listed code gives the buyer a tracking link, `Other` does not.
 */
const EBAY_CARRIER_CODES: Record<Carrier, string> = {
  UPS: 'UPS',
  FedEx: 'FedEx',
  USPS: 'USPS',
  OnTrac: 'ONTRACK',
};

/**
 * [SPEC] Other ShippingCarrierCodeType values (Trading API enumeration, "Available in US") for
 * carriers a distributor may name, with the spellings we read as each: distributor names, compared
 * in capitals without spaces or punctuation, and eBay's own code. LaserShip is listed under its old
 * name Prestige. Canada Post, Purolator and Estes are not in eBay's list, so they go as Other.
 */
const OTHER_LISTED_CARRIERS: Readonly<Record<string, readonly string[]>> = {
  DHL: ['DHL'],
  DHLEXPRESS: ['DHL EXPRESS'],
  DHLGlobalMail: ['DHL GLOBAL MAIL'],
  SpeeDee: ['SPEE DEE', 'SPEE-DEE DELIVERY', 'SPEEDEE DELIVERY SERVICE'],
  Prestige: ['LASERSHIP', 'LASER SHIP', 'PRESTIGE EXPEDITE'],
  CanPar: ['CANPAR', 'CANPAR COURIER'],
  ABF: ['ABF FREIGHT'],
  ODFL: ['OLD DOMINION', 'OLD DOMINION FREIGHT LINE'],
  SAIA: ['SAIA LTL FREIGHT'],
  YRC: ['YRC FREIGHT'],
  PITD: ['PITT OHIO'],
  AVRT: ['AVERITT EXPRESS'],
};

const squeeze = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]+/g, '');

const LISTED_BY_NAME = new Map(
  Object.entries(OTHER_LISTED_CARRIERS).flatMap(([code, names]) => [code, ...names].map((name) => [squeeze(name), code] as const)),
);

/**
 * [SPEC] createShippingFulfillment takes only `shippingCarrierCode` and `trackingNumber`
 * (sell_fulfillment_v1, ShippingFulfillmentDetails): there is no field for a carrier's name. A
 * carrier eBay does not list goes as `Other`, which eBay accepts, rather than as a code it refuses
 * (32300), which would leave the package unpushed.
 */
export const UNLISTED_CARRIER = 'Other';

/** The code eBay lists for the carrier a distributor names, else Other. */
export function ebayCarrierCode(carrier: string): string {
  const known = carrierFromName(carrier);
  if (known) return EBAY_CARRIER_CODES[known];
  return LISTED_BY_NAME.get(squeeze(carrier)) ?? UNLISTED_CARRIER;
}

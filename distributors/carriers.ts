/**
 * Tracking-number formats and check digits (after jkeen/tracking_number_data, external-apis §7), so a
 * carrier can be named for a package even when the distributor's ship-method code does not say which
 * one it used, and a number can be checked against the carrier it is said to belong to.
 */

export const CARRIERS = ['UPS', 'FedEx', 'USPS', 'OnTrac'] as const;
export type Carrier = (typeof CARRIERS)[number];

export const isCarrier = (name: string): name is Carrier => (CARRIERS as readonly string[]).includes(name);

/** Uppercases and drops the spaces and hyphens people and distributors put in tracking numbers. */
export function normaliseTrackingNumber(trackingNumber: string): string {
  return trackingNumber.toUpperCase().replace(/[\s-]/g, '');
}

/** Letters count as (char code - 3) mod 10, which is how UPS folds its alphanumeric serials. */
function mod10(sequence: string, evenWeight: number, oddWeight: number): number {
  let sum = 0;
  for (let i = 0; i < sequence.length; i++) {
    const char = sequence[i]!;
    const value = /\d/.test(char) ? Number(char) : (char.charCodeAt(0) - 3) % 10;
    sum += value * (i % 2 === 0 ? evenWeight : oddWeight);
  }
  return (10 - (sum % 10)) % 10;
}

const reverse = (sequence: string) => [...sequence].reverse().join('');

const hasCheckDigit = (tracking: string, check: (body: string) => number) => check(tracking.slice(0, -1)) === Number(tracking.slice(-1));

const UPS_1Z = /^1Z[A-Z0-9]{15}\d$/;

export function isValidUpsTrackingNumber(trackingNumber: string): boolean {
  const tracking = normaliseTrackingNumber(trackingNumber);
  return UPS_1Z.test(tracking) && hasCheckDigit(tracking.slice(2), (body) => mod10(body, 1, 2));
}

/**
 * Builds a UPS 1Z number with a correct check digit from its 15 characters (shipper account 6,
 * service 2, package 7), so sandboxes hand out numbers that pass the channels' validation.
 */
export function upsTrackingNumber(shipperServicePackage: string): string {
  if (!/^[A-Z0-9]{15}$/.test(shipperServicePackage)) {
    throw new Error('A UPS 1Z number needs exactly 15 uppercase letters or digits before its check digit');
  }
  return `1Z${shipperServicePackage}${mod10(shipperServicePackage, 1, 2)}`;
}

function fedExExpressCheck(body: string): number {
  const weights = [3, 1, 7];
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[i]) * weights[i % 3]!;
  return (sum % 11) % 10;
}

/** GS1's mod 10: weight 3 on the digit next to the check digit, alternating 1 and 3 leftwards. */
const gs1Check = (body: string) => mod10(reverse(body), 3, 1);

/** OnTrac folds its letter into the sum as a digit: C counts as 4, D as 5. */
const ONTRAC_PREFIX: Record<string, string> = { C: '4', D: '5' };
const onTracCheck = (body: string) => mod10(body, 1, 2);

/**
 * An IMpb barcode may carry a routing prefix (420 + 5- or 9-digit ZIP) in front of the 22 digits
 * printed as the tracking number; the check digit covers only those 22.
 */
const USPS_IMPB = /^(?:420\d{5}(?:\d{4})?)?(9[1-5]\d{20})$/;

/**
 * A 20-digit USPS number is either the older 20-digit form or an IMpb printed without its leading
 * 91, whose check digit still counts those two digits.
 */
const uspsTwenty = (t: string) => hasCheckDigit(t, gs1Check) || hasCheckDigit(`91${t}`, gs1Check);

const FORMATS: ReadonlyArray<{ carrier: Carrier; pattern: RegExp; valid: (tracking: string) => boolean }> = [
  { carrier: 'UPS', pattern: UPS_1Z, valid: isValidUpsTrackingNumber },
  { carrier: 'OnTrac', pattern: /^[CD]\d{14}$/, valid: (t) => hasCheckDigit(ONTRAC_PREFIX[t[0]!] + t.slice(1), onTracCheck) },
  { carrier: 'FedEx', pattern: /^\d{12}$/, valid: (t) => hasCheckDigit(t, fedExExpressCheck) },
  { carrier: 'FedEx', pattern: /^\d{15}$/, valid: (t) => hasCheckDigit(t, gs1Check) },
  // Ground 96: 96, SCNC 2, service 3, then shipper 7 + package 7 and the check digit over those 14.
  { carrier: 'FedEx', pattern: /^96\d{20}$/, valid: (t) => hasCheckDigit(t.slice(7), gs1Check) },
  { carrier: 'USPS', pattern: USPS_IMPB, valid: (t) => hasCheckDigit(USPS_IMPB.exec(t)![1]!, gs1Check) },
  { carrier: 'USPS', pattern: /^\d{20}$/, valid: uspsTwenty },
];

/**
 * Names the carrier a tracking number belongs to from its shape and check digit, or null when no
 * known format matches. 12-, 15-, 20- and 22-digit numbers can collide across carriers, so callers
 * should prefer a carrier hint from the distributor and use this only when there is none.
 */
export function carrierFromTrackingNumber(trackingNumber: string): Carrier | null {
  const tracking = normaliseTrackingNumber(trackingNumber);
  return FORMATS.find(({ pattern, valid }) => pattern.test(tracking) && valid(tracking))?.carrier ?? null;
}

/** Whether the number has one of the carrier's formats with a correct check digit. */
export function isValidTrackingNumber(carrier: Carrier, trackingNumber: string): boolean {
  const tracking = normaliseTrackingNumber(trackingNumber);
  return FORMATS.some((format) => format.carrier === carrier && format.pattern.test(tracking) && format.valid(tracking));
}

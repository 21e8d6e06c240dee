/**
 * Tracking-number formats and check digits (after jkeen/tracking_number_data), so a carrier can be
 * named for a package even when the distributor's ship-method code does not say which one it used.
 */

export const CARRIERS = ['UPS', 'FedEx', 'USPS', 'OnTrac'] as const;
export type Carrier = (typeof CARRIERS)[number];

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

const hasCheckDigit = (tracking: string, check: (body: string) => number) =>
  check(tracking.slice(0, -1)) === Number(tracking.slice(-1));

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

const FORMATS: ReadonlyArray<{ carrier: Carrier; pattern: RegExp; valid: (tracking: string) => boolean }> = [
  { carrier: 'UPS', pattern: UPS_1Z, valid: isValidUpsTrackingNumber },
  // OnTrac's C/D-prefixed serials look like no other carrier's, so the shape alone identifies them.
  { carrier: 'OnTrac', pattern: /^[CD]\d{14}$/, valid: () => true },
  { carrier: 'FedEx', pattern: /^\d{12}$/, valid: (t) => hasCheckDigit(t, fedExExpressCheck) },
  { carrier: 'FedEx', pattern: /^\d{15}$/, valid: (t) => hasCheckDigit(t, (b) => mod10(b, 1, 3)) },
  { carrier: 'FedEx', pattern: /^96\d{20}$/, valid: (t) => hasCheckDigit(t.slice(7), (b) => mod10(b, 1, 3)) },
  { carrier: 'USPS', pattern: /^9[2-5]\d{20}$/, valid: (t) => hasCheckDigit(t, (b) => mod10(reverse(b), 3, 1)) },
  { carrier: 'USPS', pattern: /^\d{20}$/, valid: (t) => hasCheckDigit(t, (b) => mod10(b, 3, 1)) },
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

import type { Carrier } from '../carriers.js';

/**
 * Facts of the WPS Data Depot v4 order API that are published in its docs (carts page), shared by the
 * connector, which checks them before calling, and the sandbox, which enforces them.
 */

/** Maximum lengths of the POST /carts string fields. */
export const CART_FIELD_LIMITS = {
  ship_name: 30,
  ship_address1: 30,
  ship_address2: 30,
  ship_address3: 30,
  ship_city: 17,
  ship_state: 2,
  ship_zip: 15,
  ship_phone: 15,
  email: 50,
  comment1: 50,
  comment2: 50,
  description: 50,
} as const;
export type LimitedCartField = keyof typeof CART_FIELD_LIMITS;

/** The documented `ship_via` codes a cart accepts, with the carrier each one ships by (`BEST`: WPS picks). */
const CART_SHIP_VIA = new Map<string, Carrier | null>([
  ['AH2D', 'FedEx'],
  ['BEST', null],
  ['FE1D', 'FedEx'],
  ['FE2D', 'FedEx'],
  ['UP1D', 'UPS'],
  ['UP2D', 'UPS'],
  ['US1C', 'USPS'],
  ['US4C', 'USPS'],
]);

/**
 * Codes that only appear on orders: WPS picks them when it ships (e.g. `BEST` turning into OnTrac).
 * The docs' list of these was only partly readable.
 */
const ORDER_SHIP_VIA = new Map<string, Carrier | null>([...CART_SHIP_VIA, ['CO5', 'OnTrac']]);

export const SHIP_VIA_CODES: readonly string[] = [...CART_SHIP_VIA.keys()];

export const WAREHOUSES: readonly string[] = ['CA', 'GA', 'ID', 'IN', 'PA', 'TX'];

export function isShipViaCode(code: string): boolean {
  return CART_SHIP_VIA.has(code);
}

/** The carrier a `ship_via` code names, or null for `BEST` and codes we do not know. */
export function carrierForShipVia(code: string): Carrier | null {
  return ORDER_SHIP_VIA.get(code) ?? null;
}

import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import { SHIP_METHODS as AUTOMATIC_SHIP_METHODS } from './automatic/contract.js';
import { CARRIER_CODES as TUCKER_CARRIER_CODES } from './tucker-rocky/contract.js';
import { SHIP_VIA_CODES as WPS_SHIP_VIA_CODES } from './wps/contract.js';

/**
 * The shipping-method codes a dealer can map a store's shipping rate to. Only WPS publishes its list,
 * so only WPS codes are refused when unknown; the others are suggestions (Parts Unlimited publishes
 * none) and the distributor has the last word when the PO is placed.
 */
export const SHIP_METHODS: Record<DistributorId, { codes: readonly string[]; published: boolean }> = {
  wps: { codes: WPS_SHIP_VIA_CODES, published: true },
  parts_unlimited: { codes: [], published: false },
  tucker_rocky: { codes: [...TUCKER_CARRIER_CODES.keys()], published: false },
  automatic: { codes: AUTOMATIC_SHIP_METHODS, published: false },
};

/** Why `code` cannot be a shipping method for the distributor, or null when it can. */
export function shipMethodProblem(distributor: DistributorId, code: string): string | null {
  const { codes, published } = SHIP_METHODS[distributor];
  if (!published || codes.includes(code)) return null;
  return `"${code}" is not a ${DISTRIBUTOR_NAMES[distributor]} shipping method; use one of ${codes.join(', ')}`;
}

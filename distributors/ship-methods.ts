import { DISTRIBUTOR_NAMES, type DistributorId } from '../domain/distributors.js';
import { distributorPlugin } from './registry.js';

/** Why `code` cannot be a shipping method for the distributor, or null when it can. */
export function shipMethodProblem(distributor: DistributorId, code: string): string | null {
  const { codes, published } = distributorPlugin(distributor).shipMethods;
  if (!published || codes.includes(code)) return null;
  return `"${code}" is not a ${DISTRIBUTOR_NAMES[distributor]} shipping method; use one of ${codes.join(', ')}`;
}

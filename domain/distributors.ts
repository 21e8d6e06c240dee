/** The distributors Dropline can place purchase orders with. */
export const DISTRIBUTORS = ['wps', 'parts_unlimited', 'tucker_rocky', 'automatic'] as const;
export type DistributorId = (typeof DISTRIBUTORS)[number];

export const DISTRIBUTOR_NAMES: Record<DistributorId, string> = {
  wps: 'Western Power Sports',
  parts_unlimited: 'Parts Unlimited',
  tucker_rocky: 'Tucker Rocky',
  automatic: 'Automatic Distributors',
};

export function isDistributorId(value: string): value is DistributorId {
  return (DISTRIBUTORS as readonly string[]).includes(value);
}

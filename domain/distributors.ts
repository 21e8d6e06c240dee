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

/** What a distributor requires the dealer to have on file with it before it takes drop-ship orders (its policy, not Dropline's). */
export const ACCOUNT_REQUIREMENTS: Record<DistributorId, { taxIdOnFile: boolean; creditCardOnFile: boolean }> = {
  wps: { taxIdOnFile: true, creditCardOnFile: false },
  parts_unlimited: { taxIdOnFile: false, creditCardOnFile: false },
  tucker_rocky: { taxIdOnFile: false, creditCardOnFile: true },
  automatic: { taxIdOnFile: false, creditCardOnFile: false },
};

import type { DistributorProfile } from '../../domain/distributors.js';

export const partsUnlimitedProfile = {
  id: 'parts_unlimited',
  name: 'Parts Unlimited',
  poSuffix: 'P',
  // ≤ 20, from an integrator's code comment.
  poNumberMaxLength: 20,
  requires: { taxIdOnFile: false, creditCardOnFile: false },
} as const satisfies DistributorProfile;

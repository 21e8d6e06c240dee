import type { DistributorProfile } from '../../domain/distributors.js';

export const automaticProfile = {
  id: 'automatic',
  name: 'Automatic Distributors',
  poSuffix: 'A',
  // ≤ 22 printable ASCII (Flxpoint notes; contract.ts).
  poNumberMaxLength: 22,
  requires: { taxIdOnFile: false, creditCardOnFile: false },
} as const satisfies DistributorProfile;

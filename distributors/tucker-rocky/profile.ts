import type { DistributorProfile } from '../../domain/distributors.js';

export const tuckerRockyProfile = {
  id: 'tucker_rocky',
  name: 'Tucker Rocky',
  poSuffix: 'T',
  // Tucker publishes no limit; we keep to the 20 most distributors take.
  poNumberMaxLength: 20,
  requires: { taxIdOnFile: false, creditCardOnFile: true },
} as const satisfies DistributorProfile;

import type { DistributorProfile } from '../../domain/distributors.js';

export const wpsProfile = {
  id: 'wps',
  name: 'Western Power Sports',
  poSuffix: 'W',
  // WPS publishes no limit; we keep to the 20 most distributors take.
  poNumberMaxLength: 20,
  requires: { taxIdOnFile: true, creditCardOnFile: false },
} as const satisfies DistributorProfile;

import { automaticProfile } from './automatic/profile.js';
import { partsUnlimitedProfile } from './parts-unlimited/profile.js';
import { tuckerRockyProfile } from './tucker-rocky/profile.js';
import { wpsProfile } from './wps/profile.js';

/**
 * Every built-in distributor's profile, in the order Dropline lists them. Pure data, so the domain
 * rules and the workflow bundle may import it (the lint rules allow exactly this file and the
 * profiles); `DistributorId` is the union of these ids, and the plug-in registry must cover each.
 */
export const BUILT_IN_PROFILES = [wpsProfile, partsUnlimitedProfile, tuckerRockyProfile, automaticProfile] as const;

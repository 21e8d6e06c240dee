import { MARKETPLACES } from '../marketplaces/profiles.js';

/** Where a dealer's orders come from; tracking goes back to the same place. */
export const CHANNELS = ['website', ...MARKETPLACES] as const;
export type ChannelId = (typeof CHANNELS)[number];

/** The dealer's own website takes orders but no tracking back; every marketplace takes it. */
export const takesTracking = (channel: string): boolean => channel !== 'website';

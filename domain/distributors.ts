import { BUILT_IN_PROFILES } from '../distributors/profiles.js';

/**
 * What the domain rules and workflows know about a distributor: pure data, kept in the distributor's
 * own folder (`distributors/<id>/profile.ts`) and listed in `distributors/profiles.ts`.
 */
export interface DistributorProfile {
  /** Stored in the database and in workflow ids; never changes once orders exist. */
  readonly id: string;
  /** The name a dealer knows it by, used in every message. */
  readonly name: string;
  /** What the generated PO numbers of a drop-ship end in for this distributor (DL001000-W). */
  readonly poSuffix: string;
  /** The longest PO number the distributor accepts. */
  readonly poNumberMaxLength: number;
  /** What the distributor requires the dealer to have on file with it before it takes drop-ship orders (its policy, not Dropline's). */
  readonly requires: AccountRequirements;
}

export interface AccountRequirements {
  readonly taxIdOnFile: boolean;
  readonly creditCardOnFile: boolean;
}

/** The distributors Dropline can place purchase orders with. */
export type DistributorId = (typeof BUILT_IN_PROFILES)[number]['id'];

const profiles = new Map<string, DistributorProfile>(BUILT_IN_PROFILES.map((profile) => [profile.id, profile]));

/** Every distributor in the order Dropline lists them. Grows when a distributor is registered at run time. */
export const DISTRIBUTORS: readonly DistributorId[] = BUILT_IN_PROFILES.map((profile) => profile.id);

/** Each distributor's name; kept in step with the profiles. */
export const DISTRIBUTOR_NAMES: Readonly<Record<DistributorId, string>> = Object.fromEntries(
  BUILT_IN_PROFILES.map((profile) => [profile.id, profile.name]),
) as Record<DistributorId, string>;

export function isDistributorId(value: string): value is DistributorId {
  return profiles.has(value);
}

export function distributorProfile(distributor: DistributorId): DistributorProfile {
  const profile = profiles.get(distributor);
  if (!profile) throw new Error(`"${distributor}" is not a distributor Dropline knows`);
  return profile;
}

/**
 * Adds a distributor beyond the built-in ones for the rest of this process (and, called in a
 * workflow bundle's entry module, for that bundle). The distributor plug-in registry calls it; tests
 * use it to plug in a fake distributor.
 */
export function registerDistributorProfile(profile: DistributorProfile): void {
  if (profiles.has(profile.id)) throw new Error(`Distributor "${profile.id}" is already registered`);
  profiles.set(profile.id, profile);
  (DISTRIBUTORS as string[]).push(profile.id);
  (DISTRIBUTOR_NAMES as Record<string, string>)[profile.id] = profile.name;
}

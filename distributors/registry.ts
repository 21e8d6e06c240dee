import { DISTRIBUTORS, distributorProfile, registerDistributorProfile, type DistributorId } from '../domain/distributors.js';
import { automaticDistributor } from './automatic/index.js';
import { partsUnlimitedDistributor } from './parts-unlimited/index.js';
import type { DistributorPlugin, DistributorSandbox } from './plugin.js';
import { tuckerRockyDistributor } from './tucker-rocky/index.js';
import { DistributorError, type DistributorConnector } from './types.js';
import { wpsDistributor } from './wps/index.js';

/**
 * Every built-in distributor's plug-in, by id. A distributor listed in `profiles.ts` without a plug-in
 * here is a compile error naming it.
 */
export const DISTRIBUTOR_PLUGINS = {
  wps: wpsDistributor,
  parts_unlimited: partsUnlimitedDistributor,
  tucker_rocky: tuckerRockyDistributor,
  automatic: automaticDistributor,
} satisfies { [K in DistributorId]: DistributorPlugin<K, any, any, any> };

const plugins = new Map<string, DistributorPlugin<string, any, any, any>>(Object.entries(DISTRIBUTOR_PLUGINS));

export function distributorPlugin(distributor: DistributorId): DistributorPlugin<string, Record<string, string>, DistributorSandbox> {
  const plugin = plugins.get(distributor);
  if (!plugin) throw new Error(`"${distributor}" is not a distributor Dropline knows`);
  return plugin;
}

/** Every distributor's plug-in, registered ones included, in the order Dropline lists them. */
export function distributorPlugins(): Array<DistributorPlugin<string, Record<string, string>, DistributorSandbox>> {
  return DISTRIBUTORS.map(distributorPlugin);
}

/** The credentials each distributor's sandbox accepts, for seeding a dealer's accounts. */
export function sandboxCredentials(): Record<DistributorId, Record<string, string>> {
  return Object.fromEntries(distributorPlugins().map((plugin) => [plugin.profile.id, plugin.sandbox.credentials])) as Record<
    DistributorId,
    Record<string, string>
  >;
}

/**
 * The distributors whose connectors list orders by date (capabilities.listOrders). Capabilities belong
 * to the connector's kind, not to an account, so a connector built on the sandbox credentials answers;
 * building one makes no call.
 */
export function listingDistributors(): DistributorId[] {
  return distributorPlugins()
    .filter((plugin) => plugin.connect(plugin.sandbox.credentials, 'http://127.0.0.1', {}).capabilities.listOrders)
    .map((plugin) => plugin.profile.id as DistributorId);
}

/**
 * Adds a distributor for the rest of this process: its profile joins the domain's list (every
 * `DISTRIBUTORS` loop, the workers' task queues) and the registry answers for it. Tests use it to
 * plug in a distributor no production file names.
 */
export function registerDistributor(plugin: DistributorPlugin<string, any, any, any>): void {
  registerDistributorProfile(plugin.profile);
  plugins.set(plugin.profile.id, plugin);
}

/** Where each distributor's API lives (their sandboxes in development); a distributor left out cannot be connected. */
export type DistributorEndpoints = Partial<Record<DistributorId, string>>;

/**
 * Builds the connector for one dealer account from its decrypted credentials, refusing credentials
 * the distributor's schema does not accept as `auth`. `timeoutMs` is per HTTP call.
 */
export function connectorFor(
  distributor: DistributorId,
  credentials: Record<string, string>,
  endpoints: DistributorEndpoints,
  { timeoutMs }: { timeoutMs?: number | undefined } = {},
): DistributorConnector {
  const { name } = distributorProfile(distributor);
  const plugin = distributorPlugin(distributor);
  const baseUrl = endpoints[distributor];
  if (!baseUrl) throw new DistributorError('not_ready', `Dropline has no address for ${name}'s API`);
  const parsed = plugin.credentials.safeParse(credentials);
  if (!parsed.success) {
    throw new DistributorError(
      'auth',
      `The ${name} account's saved credentials are incomplete: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  return plugin.connect(parsed.data, baseUrl, { timeoutMs });
}

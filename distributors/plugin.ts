import type { z } from 'zod';
import type { DistributorProfile } from '../domain/distributors.js';
import type { FeedMapping } from '../feeds/mapping.js';
import type { DistributorConnector, PurchaseOrderRequest } from './types.js';

/**
 * Everything Dropline knows about one distributor, exported by `distributors/<id>/index.ts` and
 * listed in `registry.ts`. The rest of the code loops over the registry; see README.md.
 */
export interface DistributorPlugin<
  Id extends string = string,
  Credentials extends Record<string, string> = Record<string, string>,
  Sandbox extends DistributorSandbox = DistributorSandbox,
  Options extends SandboxOptions = SandboxOptions,
> {
  /** The pure facts the domain rules and workflows read (also listed in `profiles.ts`). */
  profile: DistributorProfile & { readonly id: Id };
  /** What its API authenticates with, as the dealer types it in: each field a `credentialField(label)`. */
  credentials: z.ZodType<Credentials> & { shape: Record<keyof Credentials & string, z.ZodType<string>> };
  /**
   * The shipping-method codes a store shipping rate can map to. Only a `published` list refuses codes
   * outside it; otherwise the codes are suggestions and the distributor has the last word.
   */
  shipMethods: { codes: readonly string[]; published: boolean };
  /** The column layout of its dealer price/inventory file, when Dropline knows it. */
  feedMapping?: FeedMapping | undefined;
  /**
   * Distributor activity starts per second across every worker (`DISTRIBUTOR_RATE_LIMITS` overrides
   * it). No distributor publishes a quota, so these are cautious.
   */
  defaultRatePerSecond: number;
  /** Where its API lives: the environment variable that names it, and the local sandbox outside production. */
  endpoint: { env: string };
  /** Builds the connector for one dealer account from credentials already checked against `credentials`. */
  connect(credentials: Credentials, baseUrl: string, options: { timeoutMs?: number | undefined }): DistributorConnector;
  sandbox: DistributorSandboxPlugin<Credentials, Sandbox, Options>;
}

/** The local imitation of the distributor's API that `npm run dev`, the tests, the benches and chaos start. */
export interface DistributorSandboxPlugin<
  Credentials extends Record<string, string> = Record<string, string>,
  Sandbox extends DistributorSandbox = DistributorSandbox,
  Options extends SandboxOptions = SandboxOptions,
> {
  /** Its default port for `npm run dev`, and the environment variable that changes it. */
  port: number;
  portEnv: string;
  /** Credentials the sandbox accepts, for an account with everything on file (the dev stack seeds them). */
  credentials: Credentials;
  /** A fresh sandbox, loaded on demand so the API and the worker never load sandbox code. */
  create(options?: Options): Promise<Sandbox>;
  /** What the sandbox holds on order, read from its own store. */
  orders(sandbox: Sandbox): PlacedOrder[];
  /** What the connector contract suite (test/contract/) orders from the sandbox. */
  contract: {
    /** A valid PO's shipping method and at least two lines of items the sandbox stocks. */
    shipMethod: string;
    lines: PurchaseOrderRequest['lines'];
    unknownSku: string;
    /** The HTTP call that places the order (the last one, for multi-step submissions). */
    placingCall: { method: string; path: string; query?: Record<string, string> };
  };
}

/** Settings every distributor sandbox takes, whatever its own store looks like; each adds its own. */
export interface SandboxOptions {
  /** Stock per SKU and warehouse, and the dealer price where the sandbox quotes one; replaces its fixture catalog. */
  stock?: Record<string, { warehouses: Record<string, number>; price?: number }> | undefined;
  /** Where the distributor lists orders by date (capabilities.listOrders) in pages: this many POs a page. */
  listPageSize?: number | undefined;
}

export interface DistributorSandbox {
  /** Listens on loopback; port 0 (the default) picks a free port. Resolves to the base URL. */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

export interface PlacedOrder {
  poNumber: string;
  /** Every line as ordered, in the sandbox's SKUs. */
  lines: Array<{ sku: string; quantity: number }>;
}

/** Checks a plug-in against the interface while keeping its own types (its sandbox's state, its credential fields). */
export function defineDistributor<
  const Id extends string,
  Credentials extends Record<string, string>,
  Sandbox extends DistributorSandbox,
  Options extends SandboxOptions,
>(plugin: DistributorPlugin<Id, Credentials, Sandbox, Options>): DistributorPlugin<Id, Credentials, Sandbox, Options> {
  return plugin;
}

import type { DistributorPlugin, DistributorSandbox } from '../distributors/plugin.js';
import { distributorPlugins } from '../distributors/registry.js';
import type { Marketplace } from '../marketplaces/profiles.js';
import { channelEndpointEnv } from '../marketplaces/profiles.js';
import { startMarketplaceSandboxes } from '../marketplaces/sandboxes.js';
import { createResendSandbox } from '../sandboxes/resend/index.js';

export interface LocalSandboxPorts {
  distributors: Record<string, number>;
  resendPort: number;
  marketplacePorts: Record<Marketplace, number>;
}

/**
 * Every distributor's, marketplace's and the email sandbox, as `npm run dev` and `npm run prodlike` run
 * them: each distributor's warehouse ships every placed order as one package `shipAfterMs` later. `env`
 * points the API and worker processes at them.
 */
export async function startLocalSandboxes(ports: LocalSandboxPorts, options: { shipAfterMs: number }) {
  const closers: Array<() => Promise<unknown>> = [];
  const distributors = [];
  for (const plugin of distributorPlugins()) {
    const sandbox = await plugin.sandbox.create();
    closers.push(() => sandbox.close());
    const url = await sandbox.listen(ports.distributors[plugin.profile.id]);
    shipPlacedOrdersAfter(plugin, sandbox, url, options.shipAfterMs);
    distributors.push({ plugin, sandbox, url });
  }
  const resend = createResendSandbox();
  const resendUrl = await resend.listen(ports.resendPort);
  const marketplaces = await startMarketplaceSandboxes({}, ports.marketplacePorts);
  closers.push(
    () => resend.close(),
    () => marketplaces.close(),
  );
  return {
    distributors,
    resend,
    resendUrl,
    marketplaces,
    env: {
      ...Object.fromEntries(distributors.map(({ plugin, url }) => [plugin.endpoint.env, url])),
      RESEND_BASE_URL: resendUrl,
      ...channelEndpointEnv(marketplaces.endpoints),
    },
    async close() {
      for (const close of closers.reverse()) await close();
    },
  };
}

export type LocalSandboxes = Awaited<ReturnType<typeof startLocalSandboxes>>;

/** The demo distributors' warehouses: each order ships a few seconds after it is placed, as one package (the shared control API). */
function shipPlacedOrdersAfter(
  plugin: DistributorPlugin<string, Record<string, string>, DistributorSandbox>,
  sandbox: DistributorSandbox,
  url: string,
  delayMs: number,
) {
  const scheduled = new Set<string>();
  const timer = setInterval(() => {
    for (const { poNumber } of plugin.sandbox.orders(sandbox)) {
      if (scheduled.has(poNumber)) continue;
      scheduled.add(poNumber);
      setTimeout(() => {
        void fetch(`${url}/_control/orders/${encodeURIComponent(poNumber)}/ship`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
      }, delayMs).unref();
    }
  }, 500);
  timer.unref();
}

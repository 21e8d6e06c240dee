import { describe, expect, it } from 'vitest';
import { MARKETPLACE_NAMES, MARKETPLACES, POLLED_MARKETPLACES } from './profiles.js';
import { marketplacePlugin } from './registry.js';

describe('marketplace registry', () => {
  it('lists eBay, Amazon and Shopify in that order, eBay and Amazon polled', () => {
    expect(MARKETPLACES).toEqual(['ebay', 'amazon', 'shopify']);
    expect(POLLED_MARKETPLACES).toEqual(['ebay', 'amazon']);
    expect(MARKETPLACE_NAMES).toEqual({ ebay: 'eBay', amazon: 'Amazon', shopify: 'Shopify' });
  });

  it.each(MARKETPLACES)('%s: its plug-in carries its own profile, and an order source exactly when it is polled', (channel) => {
    const plugin = marketplacePlugin(channel);
    expect(plugin.profile.id).toBe(channel);
    expect(typeof plugin.orderSource === 'function').toBe(plugin.profile.intake.kind === 'poll');
  });

  it.each(MARKETPLACES)('%s: the account its sandbox accepts passes its own credential and account schemas', (channel) => {
    const { credentials, accountFields, sandbox } = marketplacePlugin(channel);
    const { credentials: secret, ...account } = sandbox.account;
    expect(credentials.parse(secret)).toEqual(secret);
    expect(accountFields.parse(account)).toEqual(account);
  });
});

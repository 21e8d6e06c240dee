import { describe, expect, it } from 'vitest';
import { CARRIERS, type Carrier } from '../distributors/carriers.js';
import { amazonCarrier, type AmazonCarrier } from './amazon/carrier-codes.js';
import { ebayCarrierCode } from './ebay/carrier-codes.js';
import { marketplacePlugin } from './registry.js';
import { shopifyTrackingCompany } from './shopify/carrier-codes.js';

/** external-apis §7's carrier-code table, one row per carrier we name. */
const TABLE: ReadonlyArray<[Carrier, ebay: string, amazon: AmazonCarrier, shopify: string]> = [
  ['UPS', 'UPS', { carrierCode: 'UPS' }, 'UPS'],
  ['FedEx', 'FedEx', { carrierCode: 'FedEx' }, 'FedEx'],
  ['USPS', 'USPS', { carrierCode: 'USPS' }, 'USPS'],
  ['OnTrac', 'ONTRACK', { carrierCode: 'Other', carrierName: 'OnTrac' }, 'OnTrac'],
];

describe('marketplace carrier codes', () => {
  it('covers every carrier we name', () => {
    expect(TABLE.map(([carrier]) => carrier)).toEqual([...CARRIERS]);
  });

  it.each(TABLE)('names %s as eBay %s, Amazon %o and Shopify %s', (carrier, ebay, amazon, shopify) => {
    expect(ebayCarrierCode(carrier)).toBe(ebay);
    expect(amazonCarrier(carrier)).toEqual(amazon);
    expect(shopifyTrackingCompany(carrier)).toBe(shopify);
  });

  it.each([
    ['UPS GROUND', 'UPS'],
    ['Fed Ex Home', 'FedEx'],
    ['USPS PRIORITY', 'USPS'],
    ['ONTRAC', 'OnTrac'],
  ] as const)('reads the distributor’s %s as %s first', (name, carrier) => {
    const row = TABLE.find(([named]) => named === carrier)!;
    expect([ebayCarrierCode(name), amazonCarrier(name), shopifyTrackingCompany(name)]).toEqual(row.slice(1));
  });

  it.each(TABLE)('gives %s the same codes through each marketplace plug-in', (carrier, ebay, amazon, shopify) => {
    expect(marketplacePlugin('ebay').carrierCode(carrier)).toEqual({ code: ebay });
    expect(marketplacePlugin('amazon').carrierCode(carrier)).toEqual(
      amazon.carrierName ? { code: amazon.carrierCode, name: amazon.carrierName } : { code: amazon.carrierCode },
    );
    expect(marketplacePlugin('shopify').carrierCode(carrier)).toEqual({ code: shopify });
  });

  it('names a carrier we do not name by a code the marketplace lists, else as its Other with the name', () => {
    expect(ebayCarrierCode('DHL')).toBe('DHL');
    expect(ebayCarrierCode('Spee-Dee')).toBe('SpeeDee');
    expect(ebayCarrierCode('LASERSHIP')).toBe('Prestige');
    expect(ebayCarrierCode(' Pitt Ohio ')).toBe('PITD');
    expect(marketplacePlugin('ebay').carrierCode('Spee-Dee')).toEqual({ code: 'SpeeDee' });
    expect(ebayCarrierCode(' Canada Post ')).toBe('Other');
    expect(marketplacePlugin('ebay').carrierCode(' Canada Post ')).toEqual({ code: 'Other', name: 'Canada Post' });
    expect(amazonCarrier(' Pitt Ohio ')).toEqual({ carrierCode: 'Other', carrierName: 'Pitt Ohio' });
    expect(amazonCarrier('')).toEqual({ carrierCode: 'Other', carrierName: 'Other' });
    expect(shopifyTrackingCompany('DHL Express')).toBe('DHL Express');
  });
});

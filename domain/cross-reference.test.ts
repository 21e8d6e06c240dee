import { describe, expect, it } from 'vitest';
import { itemsCarrying, partKey, type CatalogEntry } from './cross-reference.js';

const item = (distributor: string, distributorSku: string, dealerSku: string, brand: string | null, mpn: string | null): CatalogEntry => ({
  distributor,
  distributorSku,
  dealerSku,
  brand,
  manufacturerPartNumber: mpn,
});

describe('partKey', () => {
  it.each([
    ['K&N', 'HF-204', 'k & n', 'hf204'],
    ['Fly Racing', '73-4424M', 'FLY RACING', '73 4424 m'],
  ])('treats %s %s and %s %s as the same part', (b1, m1, b2, m2) => {
    expect(partKey(b1, m1)).toBe(partKey(b2, m2));
  });

  it('knows no part without both a brand and a part number', () => {
    expect(partKey(null, 'HF-204')).toBeNull();
    expect(partKey('K&N', ' - ')).toBeNull();
  });

  it('keeps different brands with the same part number apart', () => {
    expect(partKey('K&N', 'HF-204')).not.toBe(partKey('HiFlo', 'HF-204'));
  });
});

describe('itemsCarrying', () => {
  const catalog = [
    item('wps', '87-9934', 'OIL-FILTER-204', 'HiFlo', 'HF204'),
    item('parts_unlimited', '0712-0012', 'PU-0712-0012', 'Hiflo', 'HF-204'),
    item('tucker_rocky', '581010', '581010', 'HIFLO', 'hf 204'),
    item('automatic', '171-1042', 'AD-171-1042', 'K&N', 'HF204'),
    item('parts_unlimited', '0101-3337', 'HELMET-MX-M', null, null),
  ];

  it('adds the same part at other distributors to the items mapped to the dealer SKU, saying why', () => {
    const carrying = itemsCarrying(catalog, 'OIL-FILTER-204');
    expect(carrying.map((c) => [c.distributor, c.distributorSku, c.carriedBy.via])).toEqual([
      ['wps', '87-9934', 'dealer_sku'],
      ['parts_unlimited', '0712-0012', 'same_part'],
      ['tucker_rocky', '581010', 'same_part'],
    ]);
    expect(carrying[1]!.carriedBy).toEqual({ via: 'same_part', brand: 'HiFlo', manufacturerPartNumber: 'HF204' });
  });

  it('finds nothing more for an item without brand and part number', () => {
    expect(itemsCarrying(catalog, 'HELMET-MX-M').map((c) => c.distributorSku)).toEqual(['0101-3337']);
  });

  it('carries nothing for a SKU no item is mapped to', () => {
    expect(itemsCarrying(catalog, 'NOPE')).toEqual([]);
  });

  it('lists an item once for a SKU when a dealer link maps it beside the feed, and its same part once', () => {
    // The dealer linked WPS 87-9934 and PU 0712-0012 to MY-FILTER: each is then in the list under the feed's SKU and under the link's.
    const linked = [...catalog, item('wps', '87-9934', 'MY-FILTER', 'HiFlo', 'HF204'), item('parts_unlimited', '0712-0012', 'MY-FILTER', 'Hiflo', 'HF-204')];
    expect(itemsCarrying(linked, 'MY-FILTER').map((c) => [c.distributor, c.distributorSku, c.carriedBy.via])).toEqual([
      ['wps', '87-9934', 'dealer_sku'],
      ['parts_unlimited', '0712-0012', 'dealer_sku'],
      ['tucker_rocky', '581010', 'same_part'],
    ]);
    expect(itemsCarrying(linked, 'OIL-FILTER-204').map((c) => c.distributorSku)).toEqual(['87-9934', '0712-0012', '581010']);
  });
});

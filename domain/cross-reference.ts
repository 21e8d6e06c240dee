/**
 * Which distributor items are the same part. Distributors number the same part differently (WPS
 * 87-9934, Parts Unlimited 0101-3337), but each feed names its manufacturer part number and brand,
 * so a dealer SKU mapped to one distributor's item is also carried by every item with the same
 * manufacturer part number and brand.
 */
export interface CatalogEntry {
  distributor: string;
  distributorSku: string;
  dealerSku: string;
  brand: string | null;
  manufacturerPartNumber: string | null;
}

/** How a candidate item came to carry the dealer SKU. */
export type CarriedBy = { via: 'dealer_sku' } | { via: 'same_part'; brand: string; manufacturerPartNumber: string };

/** Letters and digits only, uppercased; the same rule as the catalog's part-number index (migration 0004). */
export function normalisePartText(value: string | null): string {
  return (value ?? '').replace(/[^A-Za-z0-9]/g, '').toUpperCase();
}

/**
 * Brand and part number compared without case, spacing or punctuation ("K&N", "k & n"; "HF-204",
 * "HF204"), which is how distributor feeds differ; null when either is missing.
 */
export function partKey(brand: string | null, manufacturerPartNumber: string | null): string | null {
  const normalise = normalisePartText;
  const b = normalise(brand);
  const mpn = normalise(manufacturerPartNumber);
  return b && mpn ? `${b}|${mpn}` : null;
}

/** The items that carry `dealerSku`: those mapped to it, then those that are the same part as one of them. */
export function itemsCarrying<T extends CatalogEntry>(entries: readonly T[], dealerSku: string): Array<T & { carriedBy: CarriedBy }> {
  const mapped = entries.filter((entry) => entry.dealerSku === dealerSku);
  const parts = new Map(
    mapped.flatMap((entry) => {
      const key = partKey(entry.brand, entry.manufacturerPartNumber);
      return key ? [[key, entry] as const] : [];
    }),
  );
  // An item appears once per dealer SKU it is mapped to (the feed's, and each link the dealer made), but carries a SKU once.
  const seen = new Set(mapped.map((entry) => `${entry.distributor}/${entry.distributorSku}`));
  const sameParts = entries.flatMap((entry) => {
    const key = `${entry.distributor}/${entry.distributorSku}`;
    if (entry.dealerSku === dealerSku || seen.has(key)) return [];
    seen.add(key);
    const match = parts.get(partKey(entry.brand, entry.manufacturerPartNumber) ?? '');
    return match
      ? [{ ...entry, carriedBy: { via: 'same_part', brand: match.brand!, manufacturerPartNumber: match.manufacturerPartNumber! } as CarriedBy }]
      : [];
  });
  return [...mapped.map((entry) => ({ ...entry, carriedBy: { via: 'dealer_sku' } as CarriedBy })), ...sameParts];
}

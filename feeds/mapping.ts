/**
 * How one distributor's price/inventory file names its columns. Header names match ignoring case and
 * surrounding spaces. The SKU, cost and every warehouse column must be in the file; the optional
 * columns may be missing, and then (like a blank cell) leave what is stored unchanged.
 */
export interface FeedMapping {
  distributorSku: string;
  cost: string;
  /** Warehouse code → the column holding that warehouse's quantity on hand. */
  warehouseQuantities: Record<string, string>;
  description?: string;
  leadTimeDays?: string;
  /** With the brand, what a dealer SKU can later be cross-referenced by. */
  manufacturerPartNumber?: string;
  brand?: string;
}

type OptionalField = 'description' | 'leadTimeDays' | 'manufacturerPartNumber' | 'brand';

/** A mapping resolved against one file's header: column positions, and the header names for messages. */
export interface BoundColumns {
  width: number;
  headers: string[];
  distributorSku: number;
  cost: number;
  warehouses: Array<{ code: string; column: number }>;
  optional: Record<OptionalField, number | null>;
}

export type BindResult = { ok: true; columns: BoundColumns } | { ok: false; missing: string[] };

const normalise = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase();

/** Finds the mapped columns in a header row, or names every required column it lacks. */
export function bindColumns(header: string[], mapping: FeedMapping): BindResult {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    if (!positions.has(normalise(name))) positions.set(normalise(name), index);
  });
  const missing: string[] = [];
  const required = (name: string) => {
    const column = positions.get(normalise(name));
    if (column === undefined) missing.push(name);
    return column ?? -1;
  };
  const optional = (name: string | undefined) => (name === undefined ? null : (positions.get(normalise(name)) ?? null));

  const distributorSku = required(mapping.distributorSku);
  const cost = required(mapping.cost);
  const warehouses = Object.entries(mapping.warehouseQuantities).map(([code, name]) => ({ code, column: required(name) }));
  if (missing.length > 0) return { ok: false, missing };
  return {
    ok: true,
    columns: {
      width: header.length,
      headers: header.map((name) => name.trim()),
      distributorSku,
      cost,
      warehouses,
      optional: {
        description: optional(mapping.description),
        leadTimeDays: optional(mapping.leadTimeDays),
        manufacturerPartNumber: optional(mapping.manufacturerPartNumber),
        brand: optional(mapping.brand),
      },
    },
  };
}

import { describe, expect, it } from 'vitest';
import { distributorPlugin } from '../distributors/registry.js';
import { DISTRIBUTORS } from '../domain/distributors.js';
import { bindColumns, type FeedMapping } from './mapping.js';

const mapping: FeedMapping = {
  distributorSku: 'Part Number',
  cost: 'Dealer Price',
  description: 'Description',
  brand: 'Brand',
  warehouseQuantities: { ID: 'Boise Qty', PA: 'Elizabethtown Qty' },
};

describe('bindColumns', () => {
  it('finds columns in any order, ignoring case and stray spaces', () => {
    const bound = bindColumns(['elizabethtown qty', ' PART  NUMBER ', 'Brand', 'Boise Qty', 'Dealer Price', 'Weight'], mapping);
    expect(bound).toEqual({
      ok: true,
      columns: {
        width: 6,
        headers: ['elizabethtown qty', 'PART  NUMBER', 'Brand', 'Boise Qty', 'Dealer Price', 'Weight'],
        distributorSku: 1,
        cost: 4,
        warehouses: [
          { code: 'ID', column: 3 },
          { code: 'PA', column: 0 },
        ],
        optional: { description: null, leadTimeDays: null, manufacturerPartNumber: null, brand: 2 },
      },
    });
  });

  it('names every required column the header lacks, warehouses included', () => {
    expect(bindColumns(['Part Number', 'Description', 'Boise Qty'], mapping)).toEqual({ ok: false, missing: ['Dealer Price', 'Elizabethtown Qty'] });
  });

  it('takes the first of two columns with the same name', () => {
    const bound = bindColumns(['Part Number', 'Dealer Price', 'Dealer Price', 'Boise Qty', 'Elizabethtown Qty'], mapping);
    expect(bound.ok && bound.columns.cost).toBe(1);
  });

  const layouts = DISTRIBUTORS.flatMap((d) => {
    const layout = distributorPlugin(d).feedMapping;
    return layout ? [[d, layout] as const] : [];
  });
  it.each(layouts)('the %s layout binds to a header made of its own names', (_distributor, layout) => {
    const names = [layout.distributorSku, layout.cost, ...Object.values(layout.warehouseQuantities)];
    expect(bindColumns(names, layout).ok).toBe(true);
  });
});

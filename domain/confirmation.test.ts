import { describe, expect, it } from 'vitest';
import { sameAddress, type Address } from './address.js';
import { confirmationEdits, type Confirmation } from './confirmation.js';
import type { DropshipPlan } from './dropship-plan.js';
import { defaultPoNumber } from './ids.js';

const plan: DropshipPlan = {
  lines: [],
  purchaseOrders: [
    { distributor: 'wps', shipMethod: 'BEST', lines: [{ lineId: 'l1', dealerSku: 'HELMET-MX-M', distributorSku: '87-9934', quantity: 2 }] },
    { distributor: 'parts_unlimited', shipMethod: 'GROUND', lines: [{ lineId: 'l2', dealerSku: 'OIL-FILTER-204', distributorSku: '0712-0012', quantity: 1 }] },
  ],
};
const defaults = { wps: defaultPoNumber('DL001000', 'wps'), parts_unlimited: defaultPoNumber('DL001000', 'parts_unlimited') };
const confirm = (fields: Omit<Confirmation, 'acknowledged' | 'actor'>): Confirmation => ({
  acknowledged: true,
  actor: { type: 'dealer_user', id: 'u1' },
  ...fields,
});

describe('confirmationEdits', () => {
  it('finds no edit in a confirmation that sends the proposal back as it was', () => {
    const unchanged = confirm({ poNumbers: { ...defaults }, quantities: { l1: 2, l2: 1 } });
    expect(confirmationEdits(plan, unchanged, defaults, false)).toEqual([]);
    expect(confirmationEdits(plan, confirm({}), defaults, false)).toEqual([]);
  });

  it('names each field whose value differs from the proposal', () => {
    expect(confirmationEdits(plan, confirm({ poNumbers: { wps: defaults.wps, parts_unlimited: 'PU-77' } }), defaults, false)).toEqual(['PO numbers']);
    expect(confirmationEdits(plan, confirm({ quantities: { l1: 2, l2: 1 } }), defaults, true)).toEqual(['ship-to address']);
    expect(confirmationEdits(plan, confirm({ quantities: { l1: 1 } }), defaults, false)).toEqual(['quantities']);
    expect(confirmationEdits(plan, confirm({ poNumbers: { wps: 'MY-PO' }, quantities: { l2: 1, l1: 1 } }), defaults, true)).toEqual([
      'PO numbers',
      'ship-to address',
      'quantities',
    ]);
  });
});

describe('sameAddress', () => {
  const address: Address = { name: 'Jane Rider', line1: '123 Main St', city: 'Boise', region: 'ID', postalCode: '83702', country: 'US' };

  it('ignores surrounding spaces and a field left empty instead of out', () => {
    expect(sameAddress(address, { ...address, name: ' Jane Rider ', line2: '', phone: undefined })).toBe(true);
  });

  it('tells any changed field', () => {
    expect(sameAddress(address, { ...address, line2: 'Apt 4' })).toBe(false);
    expect(sameAddress(address, { ...address, postalCode: '83706' })).toBe(false);
  });
});

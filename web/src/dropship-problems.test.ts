import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import { placeProblems } from './dropship-problems';
import type { DropshipPlan } from './types';

const plan: DropshipPlan = {
  lines: [{ lineId: 'line-1', dealerSku: 'HELMET-MX-M', quantity: 2, status: 'routed', chosen: null, why: [], candidates: [], reasons: [] }],
  purchaseOrders: [],
};
const poNumbers = { wps: 'DL000001-W', parts_unlimited: 'MY PO' };

describe('placing a refused confirmation on the drop-ship form', () => {
  it('puts request-validation fields on their inputs', () => {
    const error = new ApiError(400, 'BAD_REQUEST', 'Some fields are missing', [{ field: 'body.shipTo.city', message: 'City is required' }], []);
    expect(placeProblems(error, plan, poNumbers)).toEqual({ byField: { 'shipTo.city': 'City is required' }, general: [] });
  });

  it("puts the workflow's problems on the checkbox, the PO number, the address and the quantity they name", () => {
    const error = new ApiError(
      422,
      'UNPROCESSABLE',
      'Cannot confirm',
      [],
      [
        'Tick "I am placing a real order with the distributor" to confirm',
        'PO number "MY PO" for Parts Unlimited may only use letters, digits and - _ . /',
        'Ship-to ZIP code must look like 83702 or 83702-1234',
        'Quantity for HELMET-MX-M must be a whole number from 1 to 2',
        'No line of this order can be drop-shipped; resolve the lines first',
      ],
    );
    expect(placeProblems(error, plan, poNumbers)).toEqual({
      byField: {
        acknowledged: 'Tick "I am placing a real order with the distributor" to confirm',
        'poNumbers.parts_unlimited': 'PO number "MY PO" for Parts Unlimited may only use letters, digits and - _ . /',
        'shipTo.postalCode': 'Ship-to ZIP code must look like 83702 or 83702-1234',
        'quantities.line-1': 'Quantity for HELMET-MX-M must be a whole number from 1 to 2',
      },
      general: ['No line of this order can be drop-shipped; resolve the lines first'],
    });
  });

  it('puts a PO number already in use on the input holding it, and a bare message at the top', () => {
    const taken = new ApiError(
      409,
      'CONFLICT',
      'PO number DL000001-W is already used',
      [{ field: 'body.poNumbers', message: 'DL000001-W is already used' }],
      [],
    );
    expect(placeProblems(taken, plan, poNumbers).byField).toEqual({ 'poNumbers.wps': 'DL000001-W is already used' });
    const bare = new ApiError(503, 'UNAVAILABLE', 'The workflow service did not answer in time', [], []);
    expect(placeProblems(bare, plan, poNumbers)).toEqual({ byField: {}, general: ['The workflow service did not answer in time'] });
  });
});

import { describe, expect, it } from 'vitest';
import { stockShortfalls } from './live-stock.js';

const leadTimes = new Map([
  ['ID', 1],
  ['CA', 0],
  ['TX', 3],
]);

describe('stockShortfalls', () => {
  it.each([
    {
      name: 'enough at 1-day warehouses',
      live: [
        { warehouse: 'ID', quantity: 1 },
        { warehouse: 'CA', quantity: 1 },
      ],
      needed: 2,
      short: null,
    },
    { name: 'stock only at a slow warehouse', live: [{ warehouse: 'TX', quantity: 9 }], needed: 1, short: 0 },
    { name: 'stock at a warehouse the rules do not describe', live: [{ warehouse: 'PA', quantity: 9 }], needed: 1, short: 0 },
    { name: 'some but not enough', live: [{ warehouse: 'ID', quantity: 1 }], needed: 3, short: 1 },
    {
      name: 'negative counts count as none',
      live: [
        { warehouse: 'ID', quantity: -4 },
        { warehouse: 'CA', quantity: 2 },
      ],
      needed: 2,
      short: null,
    },
    { name: 'SKU missing from the answer', live: null, needed: 1, short: 0 },
    { name: 'enough once the stock buffer is held back', live: [{ warehouse: 'ID', quantity: 5 }], buffer: 3, needed: 2, short: null },
    {
      name: 'the stock buffer leaves too little',
      live: [
        { warehouse: 'ID', quantity: 4 },
        { warehouse: 'TX', quantity: 9 },
      ],
      buffer: 3,
      needed: 2,
      short: 1,
    },
    { name: 'a buffer above the stock leaves none', live: [{ warehouse: 'ID', quantity: 2 }], buffer: 5, needed: 1, short: 0 },
  ])('$name', ({ live, buffer, needed, short }) => {
    const answer = live ? [{ distributorSku: '87-9934', warehouses: live }] : [];
    const result = stockShortfalls([{ distributorSku: '87-9934', quantity: needed }], answer, leadTimes, buffer);
    expect(result).toEqual(short === null ? [] : [{ distributorSku: '87-9934', needed, available: short }]);
  });
});

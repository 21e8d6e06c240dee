import { describe, expect, it } from 'vitest';
import { contentsKey, linesProgress, orderShippingStatus, packageShares, sameContents } from './shipped-quantities.js';

const X = '87-9934';
const Y = '26-1105';

describe('linesProgress', () => {
  it('shares a SKU that two lines carry instead of counting it in full on each', () => {
    const lines = [
      { orderLineId: 'a', distributorSku: X, quantity: 1 },
      { orderLineId: 'b', distributorSku: X, quantity: 2 },
    ];
    expect(linesProgress(lines, [{ distributorSku: X, quantity: 1 }], [])).toEqual([
      { orderLineId: 'a', shippedQty: 1, cancelledQty: 0 },
      { orderLineId: 'b', shippedQty: 0, cancelledQty: 0 },
    ]);
    expect(
      linesProgress(
        lines,
        [
          { distributorSku: X, quantity: 2 },
          { distributorSku: X, quantity: 1 },
        ],
        [],
      ),
    ).toEqual([
      { orderLineId: 'a', shippedQty: 1, cancelledQty: 0 },
      { orderLineId: 'b', shippedQty: 2, cancelledQty: 0 },
    ]);
  });

  it('gives a line only units of its own SKU', () => {
    const lines = [
      { orderLineId: 'a', distributorSku: X, quantity: 2 },
      { orderLineId: 'b', distributorSku: Y, quantity: 2 },
    ];
    expect(linesProgress(lines, [{ distributorSku: Y, quantity: 5 }], [])).toEqual([
      { orderLineId: 'a', shippedQty: 0, cancelledQty: 0 },
      { orderLineId: 'b', shippedQty: 2, cancelledQty: 0 },
    ]);
  });

  it('puts cancelled units on what is left unshipped, never beyond a line quantity', () => {
    const lines = [
      { orderLineId: 'a', distributorSku: X, quantity: 2 },
      { orderLineId: 'b', distributorSku: X, quantity: 2 },
    ];
    expect(linesProgress(lines, [{ distributorSku: X, quantity: 1 }], [{ distributorSku: X, quantity: 2 }])).toEqual([
      { orderLineId: 'a', shippedQty: 1, cancelledQty: 1 },
      { orderLineId: 'b', shippedQty: 0, cancelledQty: 1 },
    ]);
    expect(linesProgress(lines, [{ distributorSku: X, quantity: 3 }], [{ distributorSku: X, quantity: 9 }])).toEqual([
      { orderLineId: 'a', shippedQty: 2, cancelledQty: 0 },
      { orderLineId: 'b', shippedQty: 1, cancelledQty: 1 },
    ]);
  });
});

describe('packageShares', () => {
  const lines = [
    { orderLineId: 'a', distributorSku: X, quantity: 1 },
    { orderLineId: 'b', distributorSku: Y, quantity: 1 },
    { orderLineId: 'c', distributorSku: X, quantity: 2 },
  ];

  it('splits a package over the lines of its SKU that earlier packages left open', () => {
    expect(packageShares(lines, [], [{ distributorSku: X, quantity: 2 }])).toEqual([
      { orderLineId: 'a', quantity: 1 },
      { orderLineId: 'c', quantity: 1 },
    ]);
    expect(
      packageShares(
        lines,
        [{ distributorSku: X, quantity: 2 }],
        [
          { distributorSku: X, quantity: 1 },
          { distributorSku: Y, quantity: 1 },
        ],
      ),
    ).toEqual([
      { orderLineId: 'b', quantity: 1 },
      { orderLineId: 'c', quantity: 1 },
    ]);
  });
});

describe('sameContents and contentsKey', () => {
  it('compare contents by SKU totals, whatever the order or split of the lines', () => {
    const a = [
      { distributorSku: Y, quantity: 1 },
      { distributorSku: X, quantity: 1 },
      { distributorSku: Y, quantity: 1 },
    ];
    const b = [
      { distributorSku: X, quantity: 1 },
      { distributorSku: Y, quantity: 2 },
    ];
    expect(sameContents(a, b)).toBe(true);
    expect(contentsKey(a)).toBe(contentsKey(b));
    expect(sameContents(a, [{ distributorSku: X, quantity: 1 }])).toBe(false);
    expect(sameContents([], [{ distributorSku: X, quantity: 1 }])).toBe(false);
    expect(sameContents([{ distributorSku: X, quantity: 1 }], [{ distributorSku: X, quantity: 2 }])).toBe(false);
  });
});

describe('orderShippingStatus', () => {
  const placed = (quantity: number, shippedQty: number, cancelledQty = 0) => ({ quantity, shippedQty, cancelledQty });

  it.each([
    { name: 'nothing shipped leaves the status alone', lines: [{ ordered: 2, placed: [placed(2, 0)] }], status: null },
    { name: 'everything shipped', lines: [{ ordered: 2, placed: [placed(2, 2)] }], status: 'shipped' },
    { name: 'part shipped', lines: [{ ordered: 2, placed: [placed(2, 1)] }], status: 'partially_shipped' },
    { name: 'quantity edited down at confirmation, all of it shipped', lines: [{ ordered: 3, placed: [placed(2, 2)] }], status: 'shipped' },
    { name: 'the rest cancelled by the distributor', lines: [{ ordered: 3, placed: [placed(3, 2, 1)] }], status: 'shipped' },
    {
      name: 'a whole line cancelled, the other shipped',
      lines: [
        { ordered: 1, placed: [placed(1, 0, 1)] },
        { ordered: 2, placed: [placed(2, 2)] },
      ],
      status: 'shipped',
    },
    {
      name: 'a line on no PO is still due',
      lines: [
        { ordered: 1, placed: [] },
        { ordered: 2, placed: [placed(2, 2)] },
      ],
      status: 'partially_shipped',
    },
    {
      name: 'one line over-shipped does not make up for another',
      lines: [
        { ordered: 1, placed: [placed(1, 0)] },
        { ordered: 1, placed: [placed(1, 1), placed(1, 1)] },
      ],
      status: 'partially_shipped',
    },
    { name: 'a line split over two POs', lines: [{ ordered: 3, placed: [placed(1, 1), placed(2, 2)] }], status: 'shipped' },
  ] as const)('$name', ({ lines, status }) => {
    expect(orderShippingStatus(lines)).toBe(status);
  });
});

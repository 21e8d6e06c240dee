import { describe, expect, it } from 'vitest';
import { giveUpSummary } from './po-progress.js';

describe('giveUpSummary', () => {
  const line = (distributorSku: string, quantity: number, shippedQty = 0, cancelledQty = 0) => ({ distributorSku, quantity, shippedQty, cancelledQty });

  it('says what shipped and what did not, naming what is still due', () => {
    expect(giveUpSummary([line('87-9934', 1, 1), line('26-1105', 2, 2), line('55-0101', 1)], 42)).toBe(
      '2 of 3 lines shipped; 1 has not shipped after 42 days (still due: 55-0101 × 1)',
    );
  });

  it('counts a line shipped in part as not shipped, with the units it still owes, and names cancelled lines', () => {
    expect(giveUpSummary([line('87-9934', 3, 1), line('26-1105', 2, 0, 2), line('55-0101', 4, 1, 1)], 1)).toBe(
      '0 of 3 lines shipped, 1 cancelled by the distributor; 2 have not shipped after 1 day (still due: 87-9934 × 2, 55-0101 × 2)',
    );
  });

  it('says nothing is owed when every line is settled', () => {
    expect(giveUpSummary([line('87-9934', 1, 1)], 42)).toBe('1 of 1 line shipped');
  });
});

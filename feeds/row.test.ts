import { describe, expect, it } from 'vitest';
import { bindColumns, type BoundColumns } from './mapping.js';
import { parseCents, parseFeedPrice, parseFeedRow } from './row.js';

const header = ['Part Number', 'Description', 'Dealer Price', 'Boise Qty', 'Fresno Qty', 'Lead Time', 'Mfr Part', 'Brand'];
const bound = bindColumns(header, {
  distributorSku: 'Part Number',
  cost: 'Dealer Price',
  description: 'Description',
  leadTimeDays: 'Lead Time',
  manufacturerPartNumber: 'Mfr Part',
  brand: 'Brand',
  warehouseQuantities: { ID: 'Boise Qty', CA: 'Fresno Qty' },
});
const columns = (bound as { columns: BoundColumns }).columns;

describe('parseCents', () => {
  it.each([
    ['12', 1200],
    ['12.5', 1250],
    ['$1,234.56', 123456],
    ['0.00', 0],
    ['3.4549', 345],
    ['3.455', 346],
    ['21474836.47', 2147483647],
  ])('%s → %i cents', (text, cents) => expect(parseCents(text)).toBe(cents));

  it.each(['', 'abc', '-1.00', '1.2.3', '12,34', '1 000', '21474836.48', '$'])('refuses %j', (text) => expect(parseCents(text)).toBeNull());
});

describe('parseFeedRow', () => {
  it('reads a full row, trimming cells', () => {
    expect(parseFeedRow(['87-9934', ' MX helmet, medium ', '$65.00', '12', '25+', '1', 'FLY-73-8402M', 'Fly Racing'], columns)).toEqual({
      ok: true,
      row: {
        distributorSku: '87-9934',
        costCents: 6500,
        quantities: [12, 25],
        description: 'MX helmet, medium',
        leadTimeDays: 1,
        manufacturerPartNumber: 'FLY-73-8402M',
        brand: 'Fly Racing',
      },
    });
  });

  it('reads blank stock as none and blank optional cells as unknown', () => {
    expect(parseFeedRow(['26-1105', '', '4.50', '', '3', ' ', '', ''], columns)).toEqual({
      ok: true,
      row: { distributorSku: '26-1105', costCents: 450, quantities: [0, 3], description: null, leadTimeDays: null, manufacturerPartNumber: null, brand: null },
    });
  });

  it('accepts trailing empty values but not extra data', () => {
    expect(parseFeedRow(['A', '', '1', '1', '1', '', '', '', '', ' '], columns).ok).toBe(true);
    expect(parseFeedRow(['A', '', '1', '1', '1', '', '', '', 'oops'], columns)).toEqual({ ok: false, reason: 'has 9 values but the header has 8 columns' });
    expect(parseFeedRow(['A', '', '1'], columns)).toEqual({ ok: false, reason: 'has 3 values but the header has 8 columns' });
  });

  it('gives every problem of a row in one reason, in the file’s column names', () => {
    expect(parseFeedRow(['', 'x', 'N/A', '-2', 'lots', 'soon', '', ''], columns)).toEqual({
      ok: false,
      reason:
        'Part Number is empty; Dealer Price "N/A" is not a price; Boise Qty "-2" is not a quantity; Fresno Qty "lots" is not a quantity; Lead Time "soon" is not a number of days',
    });
  });

  it('refuses a part number with a line break or tab in it', () => {
    expect(parseFeedRow(['87-\n9934', '', '1', '1', '1', '', '', ''], columns)).toEqual({
      ok: false,
      reason: 'Part Number contains a line break or other control character',
    });
  });

  it('refuses values that do not fit the catalog', () => {
    expect(parseFeedRow(['X'.repeat(65), '', '', '99999999999', '1.5', '400', '', ''], columns)).toEqual({
      ok: false,
      reason:
        'Part Number is longer than 64 characters; Dealer Price is empty; Boise Qty "99999999999" is not a quantity; Fresno Qty "1.5" is not a quantity; Lead Time "400" is not a number of days',
    });
  });
});

describe('parseFeedPrice', () => {
  it("reads a held row's SKU and cost and nothing else", () => {
    expect(parseFeedPrice([' 87-9934 ', 'not read', '$65.00', 'x', 'y', 'z', '', ''], columns)).toEqual({
      ok: true,
      row: { distributorSku: '87-9934', costCents: 6500, quantities: [], description: null, leadTimeDays: null, manufacturerPartNumber: null, brand: null },
    });
  });

  it('refuses a bad price with the reason a whole row would give', () => {
    const record = ['87-9934', 'MX helmet', 'call us', '12', '3', '1', '', ''];
    expect(parseFeedPrice(record, columns)).toEqual({ ok: false, reason: 'Dealer Price "call us" is not a price' });
    expect(parseFeedRow(record, columns)).toEqual(parseFeedPrice(record, columns));
    expect(parseFeedPrice(['87-9934', '', ' ', '', '', '', '', ''], columns)).toEqual({ ok: false, reason: 'Dealer Price is empty' });
  });
});

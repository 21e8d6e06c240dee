import type { BoundColumns } from './mapping.js';

/** One valid line of a feed file, as the catalog stores it. */
export interface FeedRow {
  distributorSku: string;
  costCents: number;
  /** Quantity on hand per warehouse, in the order of BoundColumns.warehouses. */
  quantities: number[];
  /** Null when the file has no such column or the cell is blank: the stored value stays. */
  description: string | null;
  leadTimeDays: number | null;
  manufacturerPartNumber: string | null;
  brand: string | null;
}

export type RowResult = { ok: true; row: FeedRow } | { ok: false; reason: string };

const MAX_SKU_LENGTH = 64;
const MAX_LEAD_TIME_DAYS = 365;
// Postgres integer columns.
const MAX_INT = 2_147_483_647;

const MONEY = /^\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;
// "25+" is how some distributors say "at least 25"; at least is all we rely on.
const QUANTITY = /^(\d+)\+?$/;
const WHOLE = /^\d+$/;

/** Dollars as distributors write them ("12.5", "$1,234.56", "3.4550") → integer cents, rounded half up. */
export function parseCents(text: string): number | null {
  const match = MONEY.exec(text);
  if (!match) return null;
  const fraction = match[2] ?? '';
  const cents = Number(match[1]!.replaceAll(',', '')) * 100 + Number(fraction.padEnd(2, '0').slice(0, 2)) + (fraction.charAt(2) >= '5' ? 1 : 0);
  return cents <= MAX_INT ? cents : null;
}

/**
 * Checks one record against the bound columns. Every problem of the row goes into one reason, in
 * the file's own column names, so the dealer can fix the row in one go. Runs once per line of files
 * with a million lines, hence plain loops and no closures.
 */
export function parseFeedRow(record: string[], columns: BoundColumns): RowResult {
  if (record.length !== columns.width && !onlyBlankExtras(record, columns.width)) {
    return { ok: false, reason: `has ${record.length} values but the header has ${columns.width} columns` };
  }
  const { headers, optional } = columns;
  const problems: string[] = [];

  const distributorSku = record[columns.distributorSku]!.trim();
  if (distributorSku === '') problems.push(`${headers[columns.distributorSku]} is empty`);
  else if (distributorSku.length > MAX_SKU_LENGTH) problems.push(`${headers[columns.distributorSku]} is longer than ${MAX_SKU_LENGTH} characters`);
  else if (hasControlCharacter(distributorSku)) problems.push(`${headers[columns.distributorSku]} contains a line break or other control character`);

  const costText = record[columns.cost]!.trim();
  const costCents = parseCents(costText);
  if (costCents === null) problems.push(costProblem(costText, columns));

  const quantities = new Array<number>(columns.warehouses.length);
  for (let i = 0; i < columns.warehouses.length; i++) {
    const column = columns.warehouses[i]!.column;
    const text = record[column]!.trim();
    // A blank stock cell is how feeds say "none here".
    const match = text === '' ? null : QUANTITY.exec(text);
    quantities[i] = text === '' ? 0 : match ? Number(match[1]) : NaN;
    if (!(quantities[i]! <= MAX_INT)) problems.push(`${headers[column]} "${text}" is not a quantity`);
  }

  const leadTimeText = optionalCell(record, optional.leadTimeDays);
  const leadTimeDays = leadTimeText === null ? null : Number(leadTimeText);
  if (leadTimeText !== null && !(WHOLE.test(leadTimeText) && leadTimeDays! <= MAX_LEAD_TIME_DAYS)) {
    problems.push(`${headers[optional.leadTimeDays!]} "${leadTimeText}" is not a number of days`);
  }

  if (problems.length > 0) return { ok: false, reason: problems.join('; ') };
  return {
    ok: true,
    row: {
      distributorSku,
      costCents: costCents!,
      quantities,
      description: optionalCell(record, optional.description),
      leadTimeDays,
      manufacturerPartNumber: optionalCell(record, optional.manufacturerPartNumber),
      brand: optionalCell(record, optional.brand),
    },
  };
}

/**
 * A record whose other cells are those of a valid row the import's memory holds (its SKU, item and
 * stock as an earlier file had them), checked for its price alone: the row it gives carries its SKU
 * and cost, and nothing else is read (the quantities are left empty). A second dealer's copy of the
 * distributor's file is all such rows, and reading every cell of each again was a tenth of its import.
 */
export function parseFeedPrice(record: string[], columns: BoundColumns): RowResult {
  const costText = record[columns.cost]!.trim();
  const costCents = parseCents(costText);
  if (costCents === null) return { ok: false, reason: costProblem(costText, columns) };
  return {
    ok: true,
    row: {
      distributorSku: record[columns.distributorSku]!.trim(),
      costCents,
      quantities: [],
      description: null,
      leadTimeDays: null,
      manufacturerPartNumber: null,
      brand: null,
    },
  };
}

const costProblem = (costText: string, { headers, cost }: BoundColumns) =>
  costText === '' ? `${headers[cost]} is empty` : `${headers[cost]} "${costText}" is not a price`;

/** Tabs, line breaks and the like in a part number are a broken export, and the catalog upsert relies on their absence. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 32 || code === 127) return true;
  }
  return false;
}

/** A trailing comma or two is common in exported files and harmless. */
function onlyBlankExtras(record: string[], width: number): boolean {
  if (record.length < width) return false;
  for (let i = width; i < record.length; i++) if (record[i]!.trim() !== '') return false;
  return true;
}

function optionalCell(record: string[], column: number | null): string | null {
  if (column === null) return null;
  const text = record[column]!.trim();
  return text === '' ? null : text;
}

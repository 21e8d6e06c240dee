/** One PO line as far as the distributor got with it. */
export interface PoLineProgress {
  distributorSku: string;
  quantity: number;
  shippedQty: number;
  cancelledQty: number;
}

/** Units the line still owes: ordered, less what shipped and what the distributor cancelled. */
export const unitsStillDue = (line: PoLineProgress) => Math.max(0, line.quantity - line.cancelledQty - line.shippedQty);

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What a PO given up on had done, in the dealer's words, e.g. "2 of 3 lines shipped; 1 has not
 * shipped after 42 days (still due: 26-1105 × 2)". Lines the distributor cancelled in full are named
 * as such, and a line shipped in part counts as not shipped, with what it still owes.
 */
export function giveUpSummary(lines: readonly PoLineProgress[], days: number): string {
  const cancelled = lines.filter((l) => l.cancelledQty >= l.quantity);
  const open = lines.filter((l) => !cancelled.includes(l) && unitsStillDue(l) > 0);
  const shipped = lines.length - cancelled.length - open.length;
  const done = `${shipped} of ${count(lines.length, 'line', 'lines')} shipped${cancelled.length ? `, ${cancelled.length} cancelled by the distributor` : ''}`;
  if (open.length === 0) return done;
  const due = open.map((l) => `${l.distributorSku} × ${unitsStillDue(l)}`).join(', ');
  return `${done}; ${open.length} ${open.length === 1 ? 'has' : 'have'} not shipped after ${count(days, 'day', 'days')} (still due: ${due})`;
}

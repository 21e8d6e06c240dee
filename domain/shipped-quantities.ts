/**
 * What a PO line has shipped or lost to cancellation, worked out from what the distributor reports.
 * Distributors report per SKU (a cart holds each SKU once), while an order may carry the same SKU on
 * several lines: the reported quantity is shared out over those lines, never counted in full on each.
 */

export interface SkuQuantity {
  distributorSku: string;
  quantity: number;
}

/** One line of a PO, in line order. */
export interface PoLineOrdered {
  orderLineId: string;
  distributorSku: string;
  quantity: number;
}

export interface PoLineProgress {
  orderLineId: string;
  shippedQty: number;
  cancelledQty: number;
}

/** Adds up a report by SKU. */
export function totalsBySku(lines: readonly SkuQuantity[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { distributorSku, quantity } of lines) totals.set(distributorSku, (totals.get(distributorSku) ?? 0) + quantity);
  return totals;
}

/** Two package contents are the same when they hold the same quantity of every SKU, however listed. */
export function sameContents(a: readonly SkuQuantity[], b: readonly SkuQuantity[]): boolean {
  const left = totalsBySku(a);
  const right = totalsBySku(b);
  return left.size === right.size && [...left].every(([sku, quantity]) => right.get(sku) === quantity);
}

/** A package's contents as one canonical string (SKUs sorted, repeats added up), for keys. */
export function contentsKey(lines: readonly SkuQuantity[]): string {
  return [...totalsBySku(lines)]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([sku, quantity]) => `${quantity}x${sku}`)
    .join(',');
}

/**
 * Shares what shipped (every package of the PO) and what was cancelled out over the PO's lines, in
 * line order: shipped units fill each line up to its quantity, then cancelled units fill what is left
 * unshipped. A line never shows more shipped plus cancelled than it ordered, and units reported
 * beyond what the PO ordered of a SKU are not attributed to any line.
 */
export function linesProgress(lines: readonly PoLineOrdered[], shipped: readonly SkuQuantity[], cancelled: readonly SkuQuantity[]): PoLineProgress[] {
  const shippedLeft = totalsBySku(shipped);
  const cancelledLeft = totalsBySku(cancelled);
  const take = (pool: Map<string, number>, sku: string, room: number) => {
    const taken = Math.max(0, Math.min(room, pool.get(sku) ?? 0));
    pool.set(sku, (pool.get(sku) ?? 0) - taken);
    return taken;
  };
  const progress = lines.map((line) => ({ orderLineId: line.orderLineId, shippedQty: take(shippedLeft, line.distributorSku, line.quantity), cancelledQty: 0 }));
  lines.forEach((line, index) => {
    const entry = progress[index]!;
    entry.cancelledQty = take(cancelledLeft, line.distributorSku, line.quantity - entry.shippedQty);
  });
  return progress;
}

/**
 * What one package holds of each PO line: its units go to the lines the PO's earlier packages left
 * unfilled, in line order, the same way linesProgress shares them. Lines it holds nothing of are left out.
 */
export function packageShares(
  lines: readonly PoLineOrdered[],
  earlierPackages: readonly SkuQuantity[],
  thisPackage: readonly SkuQuantity[],
): Array<{ orderLineId: string; quantity: number }> {
  const before = linesProgress(lines, earlierPackages, []);
  const after = linesProgress(lines, [...earlierPackages, ...thisPackage], []);
  return after
    .map((line, index) => ({ orderLineId: line.orderLineId, quantity: line.shippedQty - before[index]!.shippedQty }))
    .filter((share) => share.quantity > 0);
}

/** One order line and the PO lines that placed it (POs verified not placed left out). */
export interface OrderLineShipping {
  ordered: number;
  placed: ReadonlyArray<{ quantity: number; shippedQty: number; cancelledQty: number }>;
}

/**
 * The order's shipping status, or null while nothing has shipped (the status it has stands). A line
 * on a PO is due what its POs still order (quantities edited down at confirmation and units the
 * distributor cancelled are no longer due); a line on no PO is due in full. The order has shipped
 * when every line has shipped what is due.
 */
export function orderShippingStatus(lines: readonly OrderLineShipping[]): 'shipped' | 'partially_shipped' | null {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const shipped = (line: OrderLineShipping) => sum(line.placed.map((p) => p.shippedQty));
  const due = (line: OrderLineShipping) => (line.placed.length === 0 ? line.ordered : sum(line.placed.map((p) => p.quantity - p.cancelledQty)));
  if (!lines.some((line) => shipped(line) > 0)) return null;
  return lines.every((line) => shipped(line) >= due(line)) ? 'shipped' : 'partially_shipped';
}

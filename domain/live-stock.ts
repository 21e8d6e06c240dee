import { MAX_DROPSHIP_LEAD_TIME_DAYS } from './dropship-plan.js';

export interface LiveWarehouseStock {
  warehouse: string;
  quantity: number;
}

export interface StockShortfall {
  distributorSku: string;
  needed: number;
  available: number;
}

/**
 * Lines the distributor can no longer fill from warehouses the dealer's rules allow (lead time at most
 * one day), judged from a live stock answer taken just before the PO would be sent. Warehouses the
 * rules do not describe do not count, and the dealer's stock buffer is held back as in routing.
 */
export function stockShortfalls(
  lines: Array<{ distributorSku: string; quantity: number }>,
  live: Array<{ distributorSku: string; warehouses: LiveWarehouseStock[] }>,
  leadTimeDays: ReadonlyMap<string, number>,
  stockBuffer = 0,
): StockShortfall[] {
  return lines.flatMap((line) => {
    const warehouses = live.find((entry) => entry.distributorSku === line.distributorSku)?.warehouses ?? [];
    const fast = warehouses
      .filter((w) => (leadTimeDays.get(w.warehouse) ?? Number.POSITIVE_INFINITY) <= MAX_DROPSHIP_LEAD_TIME_DAYS)
      .reduce((sum, w) => sum + Math.max(0, w.quantity), 0);
    const available = Math.max(0, fast - stockBuffer);
    return available < line.quantity ? [{ distributorSku: line.distributorSku, needed: line.quantity, available }] : [];
  });
}

/** Lifecycle of a purchase order as Dropline tracks it. */
export const PO_STATUSES = [
  'pending',
  'submitted',
  'accepted',
  'backordered',
  'partially_shipped',
  'shipped',
  'cancelled',
  'failed',
  'given_up',
] as const;
export type PoStatus = (typeof PO_STATUSES)[number];

/** Statuses after which nothing more happens to the PO. */
export const FINAL_PO_STATUSES: ReadonlySet<PoStatus> = new Set(['shipped', 'cancelled', 'failed', 'given_up']);

export interface ShipmentReport {
  carrier: string;
  trackingNumber: string;
  shipMethod?: string | undefined;
  shippedAt?: string | undefined;
  lines: Array<{ distributorSku: string; quantity: number }>;
}

/** What changed at the distributor since the workflow last looked. */
export interface PoChange {
  status: PoStatus;
  newShipments: ShipmentReport[];
  /**
   * Packages already recorded whose lines the distributor reports differently now (a tracking number
   * listed before its contents were). Record them again; the buyer was told about them already.
   * Absent in changes recorded before it existed.
   */
  updatedShipments?: ShipmentReport[] | undefined;
  backordered: Array<{ distributorSku: string; quantity: number }>;
  cancelled: Array<{ distributorSku: string; quantity: number }>;
}

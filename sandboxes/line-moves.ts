/** The quantities a distributor sandbox tracks on an order line. */
export interface LineQuantities {
  ordered: number;
  shipped: number;
  backordered: number;
  cancelled: number;
}

/** How much of a line a control change may take, and how taking it changes the line. */
export interface Move {
  verb: 'ship' | 'backorder' | 'cancel';
  available: (line: LineQuantities) => number;
  apply: (line: LineQuantities, quantity: number) => void;
}

const open = (line: LineQuantities) => line.ordered - line.shipped - line.backordered - line.cancelled;

/** Shipping fills open quantities first, then backorders. */
export const SHIP: Move = {
  verb: 'ship',
  available: (line) => line.ordered - line.shipped - line.cancelled,
  apply: (line, quantity) => {
    line.backordered -= Math.max(0, quantity - open(line));
    line.shipped += quantity;
  },
};

export const BACKORDER: Move = {
  verb: 'backorder',
  available: open,
  apply: (line, quantity) => {
    line.backordered += quantity;
  },
};

/** A cancellation takes backordered quantities first: those are what a distributor gives up on. */
export const CANCEL: Move = {
  verb: 'cancel',
  available: (line) => line.ordered - line.shipped - line.cancelled,
  apply: (line, quantity) => {
    line.backordered -= Math.min(line.backordered, quantity);
    line.cancelled += quantity;
  },
};

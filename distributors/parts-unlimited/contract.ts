/**
 * Facts of the Parts Unlimited (LeMans) dealer drop-ship API shared by the connector, which checks
 * them before calling, and the sandbox, which enforces them. PU publishes no documentation; each
 * fact says where it comes from.
 */

/** The API base path; our base URLs are the host alone (e.g. https://api.parts-unlimited.com). */
export const API_ROOT = '/api';

/** A code comment in a public integration limits PO numbers to 20 characters (unverified). */
export const PO_NUMBER_MAX = 20;

/**
 * Maximum lengths of the `ship_to_address` fields: our assumption, PU publishes none. 30 is the
 * common mainframe field width (and WPS's published limit); a ZIP+4 with its hyphen is 10.
 */
export const SHIP_TO_LIMITS = {
  name: 30,
  company: 30,
  address_line_1: 30,
  address_line_2: 30,
  city: 30,
  state: 2,
  postal_code: 10,
  country: 2,
} as const;
export type ShipToField = keyof typeof SHIP_TO_LIMITS;

export const REQUIRED_SHIP_TO: readonly ShipToField[] = ['name', 'address_line_1', 'city', 'state', 'postal_code', 'country'];

/** The body's `status_code` values public integrations treat as success (Laravel: 200–203). */
export const SUCCESS_STATUS_CODES: ReadonlySet<number> = new Set([200, 201, 202, 203]);

/** Drop-ship orders carry order type "DS" in every public sample. */
export const DROP_SHIP_ORDER_TYPE = 'DS';

/** What happens to a line PU cannot fill: three of four public integrations send "back_order". */
export const CANCELLATION_POLICY = 'back_order';

/**
 * What the connector and the sandbox both hold true about Automatic Distributors' v2 order API.
 * Automatic publishes no documentation, and public sources disagree on whether it takes orders by API
 * at all (shared/reference/external-apis.md §4). The few facts come from Flxpoint's v2 migration
 * notes [3P]; everything else is our ASSUMPTION. Each entry says why and how sure we are:
 *   high   — stated by an integrator that uses the live v2 API;
 *   medium — strongly suggested by those notes or by how the other distributors behave;
 *   low    — one plausible pick among several; expect it to change when Automatic sends docs.
 * The sandbox enforces every entry, so changing a guess here changes both sides at once.
 */

/**
 * [3P, high] Dealers give order-automation platforms an "API Token" and nothing else.
 * [ASSUMED, low] It travels as `Authorization: Bearer <token>`: the commonest REST convention for a
 * bare token, and what WPS does with its token.
 */
export const AUTH_SCHEME = 'Bearer';

/**
 * [ASSUMED, low] Paths sit below `/v2`; our base URLs are the host alone. Why: the API is called "v2"
 * and ran next to v1 until v1's shutdown (May 1, 2026), which a version segment in the path allows.
 */
export const API_ROOT = '/v2';

export const PATHS = {
  /**
   * [3P, high] Named in the v2 notes, whose answer has a lowercase `header.ponumber` key.
   * [ASSUMED, low] JSON both ways (the notes single out XML users, so JSON is offered too); the body
   * is `{header: {ponumber, shipMethod}, shipToAddress: {...}, lines: [{lineNumber, partNumber,
   * quantity}]}` and the answer `{header: {ponumber, orderNumber, orderGenerationNumber, orderDate,
   * status}, lines: [{lineNumber, partNumber, quantityOrdered}]}`, named like the fields the notes name.
   */
  create: '/order/create',
  /**
   * [ASSUMED, low] `GET /order/lookup?ponumber=…` answers `{orders: [...]}`, empty when there is none.
   * Why: the notes speak of "order lookup endpoints"; a PO may carry several orders, so a list fits,
   * and "none" as an empty list cannot be mistaken for a wrong path's 404. Each order is the create
   * answer's header (plus `shipMethod`, `invoiceDate`), its lines with `quantityShipped`,
   * `quantityBackordered` and `quantityCancelled`, and `packages: [{carrier, trackingNumber, proNumber,
   * shipDate, lines: [{partNumber, quantity}]}]`. [3P, high] `trackingNumber` and `proNumber` are
   * separate fields here; a freight package has a PRO number and no tracking number.
   */
  lookup: '/order/lookup',
  /**
   * [ASSUMED, low] `GET /order/lookup/range?startDate=MM/DD/YY&endDate=MM/DD/YY`. Why: the notes
   * mention "range endpoints" and a maximum lookup window. [3P, high] Unlike the other lookups, range
   * answers do not keep `trackingNumber` and `proNumber` apart; [ASSUMED, medium] their one
   * `trackingNumber` holds whichever the package has.
   */
  range: '/order/lookup/range',
  /**
   * [ASSUMED, low] `POST /order/revoke` with `{ponumber}`. Why: the notes say v2 can "revoke all
   * orders associated with a PO number"; the path and body follow /order/create's style.
   */
  revoke: '/order/revoke',
} as const;

/**
 * [3P, high] PO numbers are printable ASCII (space to tilde), at most 22 characters, and "required only
 * with the appropriate account flag": we always send one, since it is how we find the order again.
 */
export const PO_NUMBER_MAX = 22;
export const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/**
 * [ASSUMED, low] PO numbers compare without regard to case. Why: mainframe order systems commonly
 * fold case; comparing so can only find more of our own orders, never fewer.
 */
export const samePoNumber = (a: string, b: string) => a.trim().toUpperCase() === b.trim().toUpperCase();

/**
 * [3P, high] Lookups reach back at most 365 days. [ASSUMED, medium] That holds for lookups by PO
 * number too, not only for date ranges: an older order is not found. Dropline stops tracking after
 * six weeks, so it never needs more.
 */
export const LOOKUP_WINDOW_DAYS = 365;

/**
 * [3P, high] `header.invoiceDate` is MM/DD/YY. [ASSUMED, medium] So are the other dates (order and
 * ship dates, range parameters): the notes say v2 "standardized" dates, and we read that as all of them.
 * Dates are UTC; two-digit years are 20YY.
 */
export function formatDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(date.getUTCMonth() + 1)}/${two(date.getUTCDate())}/${two(date.getUTCFullYear() % 100)}`;
}

/** The ISO day (YYYY-MM-DD) of an MM/DD/YY date, or undefined when it is not one. */
export function isoDayOf(date: string): string | undefined {
  const match = /^(\d{2})\/(\d{2})\/(\d{2})$/.exec(date.trim());
  return match ? `20${match[3]}-${match[1]}-${match[2]}` : undefined;
}

/**
 * [3P, high] `header.orderGenerationNumber` is two digits with a leading zero. [ASSUMED, low] It
 * counts the orders an account placed under one PO number ("01", then "02" if the account accepts a
 * repeated PO), and an order is known as `<orderNumber>-<generation>`.
 */
export const generationNumber = (n: number) => String(n).padStart(2, '0');

/**
 * [ASSUMED, low] `header.status` of an order. Nothing public names them; the connector reads line
 * quantities instead, which say the same more precisely. OPEN: nothing shipped yet. BACKORDERED: some
 * parts wait for stock. PARTIAL: some shipped, some not. SHIPPED: everything not cancelled went out.
 * CANCELLED: nothing will ship (cancelled by Automatic or revoked by the dealer).
 */
export const ORDER_STATUSES = ['OPEN', 'BACKORDERED', 'PARTIAL', 'SHIPPED', 'CANCELLED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * [3P, high] `shipToAddress.phone` and `shipToAddress.classification` exist.
 * [ASSUMED, low] Classification is RESIDENTIAL or COMMERCIAL: what carriers price delivery by.
 */
export const CLASSIFICATIONS = ['RESIDENTIAL', 'COMMERCIAL'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/**
 * [ASSUMED, low] The other `shipToAddress` fields and their maximum lengths. Why: 30 is the mainframe
 * field width WPS publishes and Parts Unlimited's integrations keep to; a phone is ten US digits.
 */
export const SHIP_TO_LIMITS = {
  name: 30,
  company: 30,
  address1: 30,
  address2: 30,
  city: 30,
  state: 2,
  zip: 10,
  country: 2,
  phone: 10,
} as const;
export type ShipToField = keyof typeof SHIP_TO_LIMITS;
export const REQUIRED_SHIP_TO: readonly ShipToField[] = ['name', 'address1', 'city', 'state', 'zip', 'country'];

/**
 * [ASSUMED, medium] Drop-ships go to US addresses only. Why: Automatic is a US distributor, and every
 * public drop-ship integration of the powersports distributors ships within the US.
 */
export const SHIP_TO_COUNTRY = 'US';

/**
 * [ASSUMED, low] `header.shipMethod` codes. Nothing public names them, so the connector sends the
 * dealer's mapped code as is and lets Automatic refuse one it does not know; only the sandbox checks
 * this list. FREIGHT ships by truck line with a PRO number instead of a parcel tracking number.
 */
export const SHIP_METHODS = ['GROUND', '2DAY', 'NEXTDAY', 'FREIGHT'] as const;

/**
 * [ASSUMED, low] Errors answer `{errors: [{code, message, field?}]}` with these codes and statuses:
 *   401 INVALID_TOKEN · 403 ACCOUNT_ON_HOLD, DROPSHIP_NOT_ENABLED · 400 INVALID_FIELD ·
 *   404 ORDER_NOT_FOUND (revoke only; lookups answer an empty list) · 409 DUPLICATE_PO,
 *   NOTHING_TO_REVOKE (everything already shipped or cancelled), ORDER_IN_PROCESS (what is left is
 *   being picked, so it will ship) · 422 UNKNOWN_PART, CARB_RESTRICTED · 429 RATE_LIMITED with
 *   Retry-After in seconds · 5xx SERVER_ERROR. Why: a list of coded errors is how most JSON APIs
 *   report several problems at once, and the statuses follow common REST use. A revoke cancelling
 *   only the parts not yet picked follows how warehouses work: a picked part is already in a box.
 * [3P, high] that CARB validation exists (a part not CARB-exempt cannot ship to California);
 * [ASSUMED, medium] that a repeated PO is refused by default: the notes say PO numbers are "required
 * only with the appropriate account flag", so some accounts may accept one twice.
 */
export const ERROR_CODES = [
  'INVALID_TOKEN',
  'ACCOUNT_ON_HOLD',
  'DROPSHIP_NOT_ENABLED',
  'INVALID_FIELD',
  'ORDER_NOT_FOUND',
  'DUPLICATE_PO',
  'NOTHING_TO_REVOKE',
  'ORDER_IN_PROCESS',
  'UNKNOWN_PART',
  'CARB_RESTRICTED',
  'RATE_LIMITED',
  'SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** [ASSUMED, medium] California is where CARB rules apply; state codes are USPS two-letter codes. */
export const CARB_STATE = 'CA';

import type { Carrier } from '../carriers.js';

/**
 * Facts of Tucker Rocky's TRWS web service shared by the connector, which checks them before calling,
 * and the sandbox, which enforces them. Tucker publishes no specification; each fact carries where it
 * comes from and how sure we are:
 *   [CODE]     seen in public code that calls the real service (×2: in two independent code bases);
 *   [3P]       stated by an integrator (DX1, PowerSportSupport);
 *   [ASSUMED]  our assumption, with its confidence. The sandbox serves every assumption, so the
 *              connector and the sandbox agree, and a mismatch with the real service shows up in one
 *              place: here, then wire.ts and mapping.ts.
 */

/**
 * The one endpoint; our base URLs are the host alone (production https://api.tucker.com, test host
 * https://apitest.tucker.com). Every call is a GET whose parameters are all in the query string,
 * API key included [CODE×2]. The key therefore reaches Tucker's access logs; nothing we can change.
 */
export const TRWS_PATH = '/bin/trws';

/** `output=JSON` [CODE×2]; XML is presumably the default and is not used. */
export const OUTPUT = 'JSON';

/** The request types we use: submit order, shipments, inventory [CODE]. PRC, INP and P65 exist too. */
export const REQUEST_TYPES = ['ORD', 'SHP', 'INV'] as const;
export type TrwsRequestType = (typeof REQUEST_TYPES)[number];

/**
 * The answer is `{<TYPE>: {status, errormsg, …}}`; any status but SUCCESSFUL is a failure [CODE×2].
 * What a failing status says is not public: the sandbox answers ERROR [ASSUMED, low; unused by the
 * connector, which only compares with SUCCESSFUL].
 */
export const SUCCESSFUL = 'SUCCESSFUL';
export const FAILED = 'ERROR';

/**
 * Refusals of every kind (bad key, no credit card, duplicate PO, unknown item) come back as HTTP 200
 * with a failing status and an `errormsg`, as the public code expects: it checks `status` and never the
 * HTTP code [ASSUMED from that code, medium]. Per-line reasons sit in `orderinput.orderline[].errormsg`
 * [CODE×2]. An account without a credit card on file cannot drop-ship [3P: PowerSportSupport]; that
 * TRWS says so when the order is submitted is ASSUMED (medium). The wording of every message is not
 * public [ASSUMED, low]: the sandbox uses REFUSAL_TEXTS, and the connector recognises them by the key
 * words in refusals.ts, which real wordings plausibly share.
 */
export const REFUSAL_TEXTS = {
  auth: 'Invalid API key or customer number',
  noCreditCard: (customer: string) => `No credit card on file for customer ${customer}; drop-ship orders require one`,
  duplicatePo: (po: string) => `Duplicate PO number ${po}`,
  lineErrors: 'Order not submitted: one or more lines have errors',
  unknownItem: 'Invalid item number',
  unknownCarrier: (code: string) => `Invalid carrier code ${code}`,
} as const;

/**
 * Looking a PO up by OUR PO number: public code only asks SHP by Tucker's `ordernum` [CODE]. We assume
 * SHP also takes `po=<PO number>` and answers every order of that customer placed under it, matching
 * case-insensitively, with an empty `shipment` list when there is none [ASSUMED, medium-low: nothing
 * public shows it; a PO filter is the usual shape of such services]. If the real service lacks it, the
 * connector must keep Tucker's `ordernum` from the submit and ask by that, and a submit whose answer
 * was lost could then only be found through the duplicate-PO refusal.
 */
export const SHP_BY_PO_PARAM = 'po';

// What SHP answers per order, beyond the public `shipment[].ordernum` and
// `shipment[].shipmentline[].trackingnumbers[].{carrier, trackingnum}` [CODE] [ASSUMED, low]:
//   {ordernum, po, carrier,
//    shipmentline: [{itemnum, qtyordered, qtyshipped, qtybackordered, qtycancelled,
//                    trackingnumbers: [{carrier, trackingnum, shipdate: YYYYMMDD, qty}]}]}
// One `shipment` per Tucker order, shipped or not; one `shipmentline` per order line; one tracking
// number per package that carried some of the line, with how many. A package holding two lines is
// listed under both. wire.ts reads exactly this.

/**
 * With `allowduplicatepo=NO` [CODE×2] Tucker refuses a second order under a PO number the customer
 * already used [ASSUMED from the parameter's name, high]. The connector always sends NO, so a resubmit
 * after a lost answer cannot place a second order; the refusal is read as "already placed" and the PO
 * is looked up. With YES (never sent by us) the sandbox places another order, as the name says.
 */
export const ALLOW_DUPLICATE_PO = 'NO';

/**
 * `splitlines=YES` [CODE×2]: we read it as "a line may ship from several distribution centres", so one
 * line can arrive in several packages [ASSUMED, medium; DX1 tells order-level from DC-level carriers].
 * The sandbox records it; its control API may split any line across packages.
 */
export const SPLIT_LINES = 'YES';

/** `submit=YES` places the order; NO only validates [CODE×2 for the values, meaning ASSUMED, medium]. */
export const SUBMIT = 'YES';

/**
 * A line that Tucker cannot take (unknown item) fails the whole order: status not SUCCESSFUL, no
 * `ordernum` [ASSUMED, medium: public code reads line errors from `orderinput` on a failed order].
 * Public code also reads `orderoutput.orderline[].errormsg`, so Tucker may instead place the order
 * without the bad lines; the connector then reports the order as placed and names the lines left out.
 * The sandbox does either (option `lineErrors`).
 */
export type LineErrorBehaviour = 'fail_order' | 'drop_line';

/** A PO number limit is not published; 20 like the others (domain/confirmation.ts) [ASSUMED, low]. */
export const PO_NUMBER_MAX = 20;

/**
 * The ship-to parameters public code sends [CODE×2]: `name`, `address1`, `address2`, `city`, `state`,
 * `zip`. There is no company, phone, email or country parameter in any sample, so only US addresses
 * are sent [ASSUMED, medium] and the company is left out. Maximum lengths are not published: 30 is the
 * usual mainframe field width, the city 20, a ZIP+4 with its hyphen 10 [ASSUMED, low].
 */
export const SHIP_TO_LIMITS = {
  name: 30,
  address1: 30,
  address2: 30,
  city: 20,
  state: 2,
  zip: 10,
} as const;
export type ShipToParam = keyof typeof SHIP_TO_LIMITS;

export const REQUIRED_SHIP_TO: readonly ShipToParam[] = ['name', 'address1', 'city', 'state', 'zip'];

/**
 * Special instructions are limited to 55 characters [3P: DX1]. We send them as `invoiceNote`, the only
 * note parameter seen in public code [CODE×2 for the name; that it carries the instructions and that
 * the 55 applies to it is ASSUMED, medium].
 */
export const SPECIAL_INSTRUCTIONS_PARAM = 'invoiceNote';
export const SPECIAL_INSTRUCTIONS_MAX = 55;

/**
 * Lines are `line=<item>,<qty>`, repeated [CODE×2], so an item number cannot hold a comma. Item numbers
 * are sent exactly as the dealer's Tucker catalog has them, so SHP's `itemnum` matches the PO's lines;
 * one sample strips dashes before an INV call [CODE], which we leave to the catalog import [ASSUMED,
 * medium: the samples' item numbers (581010, 160942) have none].
 */
export const LINE_SEPARATOR = ',';

/**
 * Carrier codes: only `UG` appears in public code [CODE×2], read as UPS Ground [ASSUMED, high]. The
 * others are our guess at Tucker's shipping options [ASSUMED, low]; the connector sends whatever code
 * the dealer's shipping mapping holds, and only the sandbox checks it against this list.
 */
export const CARRIER_CODES: ReadonlyMap<string, Carrier> = new Map([
  ['UG', 'UPS'],
  ['U3', 'UPS'],
  ['U2', 'UPS'],
  ['U1', 'UPS'],
  ['FG', 'FedEx'],
  ['F2', 'FedEx'],
  ['PM', 'USPS'],
]);

/**
 * INV takes repeated `item=` [CODE] and answers `INV.item[]` with a total `inventory` [CODE] and
 * `dc[]` of `{dcname, dcinv}` per distribution centre [CODE]. An item Tucker does not carry comes back
 * in the list with an `errormsg` and no stock, the call itself SUCCESSFUL [ASSUMED, medium].
 */
export const INV_ITEM_PARAM = 'item';

/**
 * The connection test asks INV for one item: the cheapest authenticated call. This item number is
 * from public samples; whether Tucker still carries it does not matter, a refused key fails the call
 * either way.
 */
export const CONNECTION_TEST_ITEM = '581010';

// Rate limits are not public [NONE]; a 429 with Retry-After is honoured should Tucker send one.

import { EbayRejection } from './errors.js';
import type { EbayOrder } from './store.js';

/**
 * getOrders' `filter`, `limit` and `offset` [SPEC]: comma-joined criteria, date ranges written
 * `name:[from..to]` with either end open, `orderfulfillmentstatus:{A|B}`; limit 1..200 (default 50).
 * [ASSUMED, medium] Results come newest-created first; a criterion eBay does not know is 400 30700.
 */

export interface OrderSearch {
  filter?: string | undefined;
  limit?: string | undefined;
  offset?: string | undefined;
}

type Criterion = (order: EbayOrder, fulfillmentStatus: string) => boolean;

const invalidFilter = (longMessage: string, filter: string) => new EbayRejection(400, 30700, longMessage, { filter });

function dateRange(field: 'creationDate' | 'lastModifiedDate', range: string, filter: string): Criterion {
  const [from, to, extra] = range.split('..');
  const parse = (end: string | undefined) => {
    if (!end) return null;
    const at = Date.parse(end);
    if (Number.isNaN(at)) throw invalidFilter(`${end} is not an ISO 8601 date.`, filter);
    return at;
  };
  if (extra !== undefined || to === undefined) throw invalidFilter(`The range [${range}] must be written [from..to].`, filter);
  const [start, end] = [parse(from), parse(to)];
  return (order) => {
    const at = Date.parse(order[field]);
    return (start === null || at >= start) && (end === null || at <= end);
  };
}

function criterion(text: string, filter: string): Criterion {
  const range = /^(creationdate|lastmodifieddate):\[(.*)\]$/.exec(text);
  if (range) return dateRange(range[1] === 'creationdate' ? 'creationDate' : 'lastModifiedDate', range[2]!, filter);
  const statuses = /^orderfulfillmentstatus:\{(.*)\}$/.exec(text);
  if (statuses) {
    const wanted = new Set(statuses[1]!.split('|'));
    return (_order, fulfillmentStatus) => wanted.has(fulfillmentStatus);
  }
  throw invalidFilter(`The filter criterion ${text} is not supported.`, filter);
}

function whole(value: string | undefined, fallback: number, min: number, max: number, name: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new EbayRejection(400, 32600, `${name} must be a whole number from ${min} to ${max}.`, { [name]: value });
  }
  return number;
}

/** One page of the matching orders, with `total` counted over all of them as eBay does. */
export function searchOrders<T>(
  orders: Iterable<EbayOrder>,
  search: OrderSearch,
  view: (order: EbayOrder) => T & { orderFulfillmentStatus: string },
  maxPageSize: number,
) {
  const filter = search.filter ?? '';
  const criteria = filter ? filter.split(',').map((text) => criterion(text.trim(), filter)) : [];
  const limit = Math.min(whole(search.limit, 50, 1, 200, 'limit'), maxPageSize);
  const offset = whole(search.offset, 0, 0, Number.MAX_SAFE_INTEGER, 'offset');
  const matching = [...orders]
    .map((order) => ({ order, view: view(order) }))
    .filter(({ order, view }) => criteria.every((matches) => matches(order, view.orderFulfillmentStatus)))
    .sort((a, b) => Date.parse(b.order.creationDate) - Date.parse(a.order.creationDate));
  return { total: matching.length, limit, offset, orders: matching.slice(offset, offset + limit).map(({ view }) => view) };
}

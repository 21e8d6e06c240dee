import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { WpsPurchaseOrder } from '../distributors/wps/sandbox/store.js';

/** The SKU every bench PO orders: in the demo dealer's catalog and the WPS sandbox's. */
const SKU = { dealer: 'HELMET-MX-M', wps: '87-9934' };

/** One open PO of the bench: the `i`-th of its phase, numbered so that two phases never share a number. */
export interface BenchPo {
  dealerId: string;
  orderId: string;
  poNumber: string;
  buyerEmail: string;
}

/** PO numbers of phase `phase` (1, 2…): seven digits after the phase letter, WPS's `-W` suffix. */
export function benchPos(phase: number, dealerIds: string[], count: number): BenchPo[] {
  return Array.from({ length: count }, (_, index) => {
    const i = index + 1;
    const dealerId = dealerIds[index % dealerIds.length]!;
    const poNumber = `T${phase}${String(i).padStart(7, '0')}-W`;
    return { dealerId, orderId: '', poNumber, buyerEmail: `buyer-${poNumber.toLowerCase()}@example.com` };
  });
}

/**
 * Rows for `pos` as a drop-ship leaves them just before its PO workflows start: order, drop-ship,
 * one line each and a pending WPS PO. Set-based and triggers off (nobody watches a seed), so 10,000
 * POs take a few seconds. Fills in each PO's order id.
 */
export async function seedOpenPurchaseOrders(db: Db, pos: BenchPo[]): Promise<void> {
  const rows = JSON.stringify(pos.map((po) => ({ d: po.dealerId, p: po.poNumber, e: po.buyerEmail })));
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    for (const table of ['orders', 'dropships', 'purchase_orders']) await tx.execute(sql.raw(`alter table ${table} disable trigger user`));
    await tx.execute(sql`
      create temporary table bench_pos on commit drop as
      select r.d as dealer_id, r.p as po_number, r.e as buyer_email,
             gen_random_uuid() as order_id, gen_random_uuid() as dropship_id, gen_random_uuid() as po_id, gen_random_uuid() as line_id
      from jsonb_to_recordset(${rows}::jsonb) as r(d text, p text, e text)`);
    await tx.execute(sql`
      insert into orders (id, dealer_id, channel, channel_order_id, buyer_name, buyer_email, ship_to, shipping_rate_name, status, placed_at)
      select order_id, dealer_id, 'website', 'BENCH-' || po_number, 'Bench Buyer', buyer_email,
             '{"name":"Bench Buyer","line1":"1 Main St","city":"Boise","region":"ID","postalCode":"83702","country":"US"}'::jsonb,
             'Standard Shipping', 'open', now()
      from bench_pos`);
    await tx.execute(sql`
      insert into dropships (id, dealer_id, order_id, sequence, workflow_id, po_base, mode, status)
      select dropship_id, dealer_id, order_id, 1, 'bench:dropship:' || po_number, left(po_number, -2), 'auto', 'in_progress'
      from bench_pos`);
    await tx.execute(sql`
      insert into order_lines (id, order_id, line_number, dealer_sku, title, quantity, unit_price_cents)
      select line_id, order_id, 1, ${SKU.dealer}, 'Bench part', 1, 12995 from bench_pos`);
    await tx.execute(sql`
      insert into purchase_orders (id, dealer_id, order_id, dropship_id, distributor, po_number, workflow_id, status, ship_method)
      select po_id, dealer_id, order_id, dropship_id, 'wps', po_number, 'po:' || dealer_id || ':' || po_number, 'pending', 'BEST'
      from bench_pos`);
    await tx.execute(sql`
      insert into po_lines (po_id, order_line_id, dealer_sku, distributor_sku, quantity)
      select po_id, line_id, ${SKU.dealer}, ${SKU.wps}, 1 from bench_pos`);
    const ids = await tx.execute<{ po_number: string; order_id: string }>(sql`select po_number, order_id::text from bench_pos`);
    const orderIds = new Map(ids.map((row) => [row.po_number, row.order_id]));
    for (const po of pos) po.orderId = orderIds.get(po.poNumber)!;
    for (const table of ['orders', 'dropships', 'purchase_orders']) await tx.execute(sql.raw(`alter table ${table} enable trigger user`));
  });
  await db.execute(sql`analyze`);
}

/**
 * The same POs already placed in the WPS sandbox's order book, as an earlier attempt whose answer was
 * lost would leave them: the workflow's lookup-before-submit finds each one (one call, not four) and
 * goes straight to tracking.
 */
export function placeAtWps(book: Map<string, WpsPurchaseOrder>, pos: BenchPo[], today: string, firstOrderNumber: number): void {
  pos.forEach((po, index) => {
    book.set(po.poNumber, {
      po_number: po.poNumber,
      ship_name: 'Bench Buyer',
      ship_address: '1 Main St',
      ship_city: 'Boise',
      ship_state: 'ID',
      ship_zip: '83702',
      order_details: [
        {
          order_number: String(firstOrderNumber + index),
          order_status: 'OPEN',
          invoice_number: null,
          warehouse: 'ID',
          order_date: today,
          ship_date: null,
          invoice_date: null,
          ship_via: 'BEST',
          tracking_numbers: [],
          items: [{ sku: SKU.wps, quantity: 1 }],
        },
      ],
    });
  });
}

import { sql } from 'drizzle-orm';
import type { TransactionSql } from 'postgres';
import type { FeedRow } from '../../feeds/row.js';
import type { Db } from '../client.js';
import { writePrices } from './dealer-prices.js';
import { StagedFeedRows, stageItems } from './feed-staging.js';
import { stockSlotsOf, UNSAID, writeStock } from './stock-pages.js';

/*
 * A feed batch (StagedFeedRows) is written by two functions, each in a transaction of its own: the
 * distributor's side (items and their stock), then the dealer's (prices, by the items' slots). The
 * items are staged by COPY and merged set-based: the merge first looks every staged row's stored row
 * up and keeps only the rows that differ, so a file that matches what is stored writes and locks
 * nothing (no row version, no WAL). The look-up is by key (a lateral subquery: a batch is small next
 * to the table, and statistics that lag behind a bulk load would otherwise let the planner hash the
 * distributor's whole table for every batch). Rows are written in SKU order and pages in page order:
 * dealers importing the same distributor at once take the shared rows' locks in one order and never
 * deadlock. Each returns its transaction's id, for the import to tell its own writes from others'
 * (feed_fingerprints).
 */

/**
 * The items' staging table as their merge reads it: one row per SKU, the batch's last. Postgres
 * refuses a statement that upserts the same key twice, and, as across batches, the later row of the
 * file wins. Only a batch that repeats a SKU pays for the sort: with it, the planner's guesses about
 * the unanalysed staging table made a first import twice as slow.
 */
const lastPerSku = (tx: TransactionSql, batch: StagedFeedRows) =>
  batch.hasRepeatedSkus ? tx`(select distinct on (sku) * from staged_items order by sku, seq desc)` : tx`staged_items`;

/**
 * What the feed says the parts are (description, lead time, part number, brand) and their stock,
 * shared by every dealer of the distributor, in one transaction: the stock is written into the pages
 * of the items' slots, as the memory knew them for items it holds (FeedMemory) or as the items' merge
 * finds or makes them. The stock is as the feed saw it at `asOf` (stock-pages.ts, `feed`).
 */
export async function upsertDistributorItems(db: Db, distributor: string, batch: StagedFeedRows, asOf: Date): Promise<Xid | null> {
  if (batch.sharedSize === 0) return null;
  return db.$client.begin(async (tx) => {
    let { seqs, slots } = batch.stockOnlyRows;
    if (batch.itemSize > 0) {
      const merged = await mergeItems(tx, distributor, batch);
      batch.placed(merged.seqs, merged.slots);
      seqs = seqs.concat(merged.seqs);
      slots = slots.concat(merged.slots);
    }
    if (batch.warehouses.length > 0 && seqs.length > 0) {
      const width = batch.warehouses.length;
      const quantities = new Int32Array(seqs.length * width);
      seqs.forEach((seq, item) => quantities.set(batch.quantitiesOf(seq), item * width));
      await writeStock(tx, { distributor, merge: { kind: 'feed' }, asOf, warehouses: batch.warehouses, slots, quantities });
    }
    return transactionXid(tx);
  });
}

/**
 * Merges the staged items into distributor_items; returns every staged row's stock slot, of its
 * stored row or of the row inserted for it (seq and slot at the same index). A blank optional value
 * keeps what is stored. The conflict clause repeats the comparison against the row as it is when
 * locked, for a dealer importing the same items at once.
 */
async function mergeItems(tx: TransactionSql, distributor: string, batch: StagedFeedRows): Promise<{ seqs: number[]; slots: number[] }> {
  await stageItems(tx, batch);
  // As two arrays rather than an object per row.
  const [placed] = await tx<Array<{ seqs: number[]; slots: number[]; unplacedSeqs: number[]; unplaced: string[] }>>`
    with feed as materialized (
      select feed.*, stored.distributor_sku as stored_sku, stored.stock_slot,
             (stored.description, stored.lead_time_days, stored.manufacturer_part_number, stored.brand)
               is distinct from (coalesce(feed.description, stored.description), coalesce(feed.lead_time_days, stored.lead_time_days),
                                 coalesce(feed.mpn, stored.manufacturer_part_number), coalesce(feed.brand, stored.brand)) as differs
      from ${lastPerSku(tx, batch)} feed
      left join lateral (
        select * from distributor_items stored where stored.distributor = ${distributor} and stored.distributor_sku = feed.sku limit 1
      ) stored on true
    ), written as (
      insert into distributor_items (distributor, distributor_sku, description, lead_time_days, manufacturer_part_number, brand)
      select ${distributor}, sku, description, lead_time_days, mpn, brand
      from feed
      where stored_sku is null or differs
      order by sku
      on conflict (distributor, distributor_sku) do update set
        description = coalesce(excluded.description, distributor_items.description),
        lead_time_days = coalesce(excluded.lead_time_days, distributor_items.lead_time_days),
        manufacturer_part_number = coalesce(excluded.manufacturer_part_number, distributor_items.manufacturer_part_number),
        brand = coalesce(excluded.brand, distributor_items.brand),
        updated_at = now()
      where (distributor_items.description, distributor_items.lead_time_days, distributor_items.manufacturer_part_number, distributor_items.brand)
        is distinct from (coalesce(excluded.description, distributor_items.description), coalesce(excluded.lead_time_days, distributor_items.lead_time_days),
                          coalesce(excluded.manufacturer_part_number, distributor_items.manufacturer_part_number), coalesce(excluded.brand, distributor_items.brand))
      returning distributor_sku, stock_slot
    ), slotted as (
      select feed.seq, feed.sku, coalesce(feed.stock_slot, written.stock_slot)::float8 as slot
      from feed left join written on written.distributor_sku = feed.sku
    )
    select coalesce(array_agg(seq) filter (where slot is not null), '{}') as seqs,
           coalesce(array_agg(slot) filter (where slot is not null), '{}') as slots,
           coalesce(array_agg(seq) filter (where slot is null), '{}') as "unplacedSeqs",
           coalesce(array_agg(sku) filter (where slot is null), '{}') as unplaced
    from slotted`;
  const { seqs, slots, unplacedSeqs, unplaced } = placed!;
  // An item another dealer's import inserted at the same time, unchanged by this one: visible now.
  if (unplaced.length > 0) {
    const found = await stockSlotsOf(tx, distributor, unplaced);
    unplaced.forEach((sku, i) => {
      seqs.push(unplacedSeqs[i]!);
      slots.push(found.get(sku)!);
    });
  }
  return { seqs, slots };
}

/**
 * The dealer's own side of the items: their cost, written into their price pages by the items'
 * slots. Run after the batch's items are merged (upsertDistributorItems), which gives the slots of
 * the items it wrote; a row whose item was held has its slot from the import's memory, or looked up
 * here. Until the dealer maps it to a SKU of their own, a new item is sold under the distributor's
 * part number.
 */
export async function upsertDealerItems(db: Db, dealerId: string, distributor: string, batch: StagedFeedRows): Promise<Xid | null> {
  if (batch.size === 0) return null;
  return db.$client.begin(async (tx) => {
    if (batch.unslottedSkus.length > 0) batch.slotted(await stockSlotsOf(tx, distributor, batch.unslottedSkus));
    const wrote = await writePrices(tx, { dealerId, distributor, ...batch.pricesBySlot() });
    return wrote ? transactionXid(tx) : null;
  });
}

/** A transaction's id (xid8, as a number): what a feed import notes of each transaction it wrote the catalog in. */
export type Xid = number;

/** The transaction has written, so it has an id. */
async function transactionXid(tx: TransactionSql): Promise<Xid> {
  const [row] = await tx<Array<{ xid: string }>>`select pg_current_xact_id()::text as xid`;
  return Number(row!.xid);
}

/** Both sides of a feed's items, their stock aside. */
export async function upsertCatalogItems(db: Db, dealerId: string, distributor: string, items: FeedRow[]): Promise<void> {
  const batch = new StagedFeedRows([]).add(items);
  await upsertDistributorItems(db, distributor, batch, new Date());
  await upsertDealerItems(db, dealerId, distributor, batch);
}

/** An item of a dealer's catalog as set by hand (demo data, chaos runs, tests), both sides at once. */
export interface CatalogItemInput {
  distributor: string;
  distributorSku: string;
  dealerSku: string;
  costCents: number;
  description?: string | null;
  leadTimeDays?: number | null;
  manufacturerPartNumber?: string | null;
  brand?: string | null;
}

/** Whether a seed replaces what is stored, or leaves rows that exist (a demo seeded again keeps the dealer's changes). */
export type SeedMode = { existing: 'replace' | 'keep' };

/**
 * Puts items in a dealer's catalog: the distributor's side shared (given values replace what is
 * stored, missing ones keep it), the dealer's SKU and cost their own.
 */
export async function putCatalogItems(db: Db, dealerId: string, items: CatalogItemInput[], mode: SeedMode = { existing: 'replace' }): Promise<void> {
  if (items.length === 0) return;
  const keep = mode.existing === 'keep';
  const pick = <T>(get: (item: CatalogItemInput) => T) => sql.param(items.map(get));
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into distributor_items (distributor, distributor_sku, description, lead_time_days, manufacturer_part_number, brand)
      select distinct on (distributor, sku) distributor, sku, description, lead_time_days, mpn, brand
      from unnest(${pick((i) => i.distributor)}::text[], ${pick((i) => i.distributorSku)}::text[], ${pick((i) => i.description ?? null)}::text[],
                  ${pick((i) => i.leadTimeDays ?? null)}::int[], ${pick((i) => i.manufacturerPartNumber ?? null)}::text[], ${pick((i) => i.brand ?? null)}::text[])
        as item(distributor, sku, description, lead_time_days, mpn, brand)
      on conflict (distributor, distributor_sku) do ${
        keep
          ? sql`nothing`
          : sql`update set
        description = coalesce(excluded.description, distributor_items.description),
        lead_time_days = coalesce(excluded.lead_time_days, distributor_items.lead_time_days),
        manufacturer_part_number = coalesce(excluded.manufacturer_part_number, distributor_items.manufacturer_part_number),
        brand = coalesce(excluded.brand, distributor_items.brand),
        updated_at = now()`
      }`);
    // The dealer's side through the catalog_items view, which writes their price pages and SKUs.
    const given = sql`unnest(${pick((i) => i.distributor)}::text[], ${pick((i) => i.distributorSku)}::text[], ${pick((i) => i.dealerSku)}::text[], ${pick((i) => i.costCents)}::int[])
        as item(distributor, sku, dealer_sku, cost_cents)`;
    const stored = sql`catalog_items.dealer_id = ${dealerId} and catalog_items.distributor = item.distributor and catalog_items.distributor_sku = item.sku`;
    if (!keep)
      await tx.execute(sql`
        update catalog_items set dealer_sku = item.dealer_sku, cost_cents = item.cost_cents
        from ${given}
        where ${stored} and (catalog_items.dealer_sku, catalog_items.cost_cents) is distinct from (item.dealer_sku, item.cost_cents)`);
    await tx.execute(sql`
      insert into catalog_items (dealer_id, distributor, distributor_sku, dealer_sku, cost_cents)
      select ${dealerId}, distributor, sku, dealer_sku, cost_cents from ${given}
      where not exists (select from catalog_items where ${stored})`);
  });
}

/** Sets distributor stock by hand (demo data, chaos runs, tests), as observed now; a quantity of 0 makes a row too. */
export async function putStock(
  db: Db,
  rows: Array<{ distributor: string; distributorSku: string; warehouseCode: string; quantity: number }>,
  mode: SeedMode = { existing: 'replace' },
): Promise<void> {
  if (rows.length === 0) return;
  await db.$client.begin(async (tx) => {
    for (const distributor of [...new Set(rows.map((row) => row.distributor))].sort()) {
      const ofDistributor = rows.filter((row) => row.distributor === distributor);
      const warehouses = [...new Set(ofDistributor.map((row) => row.warehouseCode))];
      const slots = await stockSlotsOf(tx, distributor, [...new Set(ofDistributor.map((row) => row.distributorSku))]);
      await writeStock(tx, {
        distributor,
        merge: { kind: 'seed', keep: mode.existing === 'keep' },
        asOf: new Date(),
        warehouses,
        slots: ofDistributor.map((row) => slots.get(row.distributorSku)!),
        quantities: ofDistributor.flatMap((row) => warehouses.map((code) => (code === row.warehouseCode ? row.quantity : UNSAID))),
      });
    }
  });
}

import { and, asc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../../domain/actor.js';
import { normalisePartText } from '../../domain/cross-reference.js';
import { DISTRIBUTOR_NAMES, isDistributorId } from '../../domain/distributors.js';
import type { Db } from '../client.js';
import { appendAuditEvent } from './audit.js';
import { catalogItems, distributorItems, distributorItemSearchText, distributorStock, partNumberKey, skuLinks, warehouses } from '../schema/index.js';

/** Where a catalog page continues: after this item, in (distributor, distributor SKU) order. */
export interface CatalogItemKey {
  distributor: string;
  distributorSku: string;
}

export interface CatalogSearch {
  /** Any part of an item's SKU, dealer SKU (the feed's or a dealer-made link's), brand, part number or description; no case. */
  q?: string | undefined;
  distributor?: string | undefined;
  limit: number;
  after?: CatalogItemKey | undefined;
}

export type SkuLink = Omit<typeof skuLinks.$inferSelect, 'dealerId'>;

const linkColumns = {
  id: skuLinks.id,
  dealerSku: skuLinks.dealerSku,
  distributor: skuLinks.distributor,
  distributorSku: skuLinks.distributorSku,
  createdBy: skuLinks.createdBy,
  createdAt: skuLinks.createdAt,
};

/**
 * A dealer's catalog item as routing, the cross-reference and the catalog screen read it: the
 * dealer's SKU and cost beside the distributor's shared facts about the part. Select from
 * catalogItems and join with `ofDistributorItem`; an item the distributor's feed never described
 * reads as blank.
 */
export const dealerItemColumns = {
  dealerId: catalogItems.dealerId,
  distributor: catalogItems.distributor,
  distributorSku: catalogItems.distributorSku,
  dealerSku: catalogItems.dealerSku,
  description: distributorItems.description,
  costCents: catalogItems.costCents,
  leadTimeDays: distributorItems.leadTimeDays,
  manufacturerPartNumber: distributorItems.manufacturerPartNumber,
  brand: distributorItems.brand,
  // Changed when either the dealer's cost or the distributor's description of it last changed.
  updatedAt: sql<Date>`greatest(${catalogItems.updatedAt}, ${distributorItems.updatedAt})`.mapWith(catalogItems.updatedAt),
};

export type DealerCatalogItem = {
  dealerId: string;
  distributor: string;
  distributorSku: string;
  dealerSku: string;
  description: string | null;
  costCents: number;
  leadTimeDays: number | null;
  manufacturerPartNumber: string | null;
  brand: string | null;
  updatedAt: Date;
};

/** The dealer's catalog item of a row keyed by dealer, distributor and distributor SKU (a link, a dealer SKU). */
export const ofDealerItem = (row: { dealerId: AnyPgColumn; distributor: AnyPgColumn; distributorSku: AnyPgColumn }) =>
  and(eq(catalogItems.dealerId, row.dealerId), eq(catalogItems.distributor, row.distributor), eq(catalogItems.distributorSku, row.distributorSku));

export const ofDistributorItem = and(
  eq(distributorItems.distributor, catalogItems.distributor),
  eq(distributorItems.distributorSku, catalogItems.distributorSku),
)!;

/** `%text%` for LIKE, with LIKE's own wildcards in the text taken literally. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * One page of the dealer's catalog, with each item's stock per warehouse (and that warehouse's lead
 * time from the dealer's inventory rules) and its dealer-made links. The text search goes through the
 * trigram indexes on the dealer's own SKUs (dealer_skus) and on the part's words (distributor_items); items
 * found through a link's dealer SKU are added by key.
 */
export async function searchCatalog(db: Db, dealerId: string, search: CatalogSearch) {
  const q = search.q?.trim();
  const limit = search.limit + 1;
  const item = catalogItems;
  // Each way of matching is its own ordered, limited branch, so Postgres picks per branch between a
  // trigram index (rare text) and walking the primary key in page order (common text), and the page
  // is the first rows of their union.
  const branch = (from: SQL, match: SQL) =>
    sql`(select catalog_items.distributor, catalog_items.distributor_sku from ${from} where ${and(
      eq(item.dealerId, dealerId),
      match,
      search.distributor ? eq(item.distributor, search.distributor) : undefined,
      search.after ? sql`(${item.distributor}, ${item.distributorSku}) > (${search.after.distributor}, ${search.after.distributorSku})` : undefined,
    )} order by 1, 2 limit ${limit})`;
  const described = sql`catalog_items join distributor_items on distributor_items.distributor = catalog_items.distributor and distributor_items.distributor_sku = catalog_items.distributor_sku`;
  const joined = (table: string) =>
    sql`catalog_items join ${sql.identifier(table)} l on l.dealer_id = catalog_items.dealer_id and l.distributor = catalog_items.distributor and l.distributor_sku = catalog_items.distributor_sku`;
  // The dealer's SKU is theirs and the part's words are the distributor's: each is searched through its own table's trigram index.
  // A SKU the dealer mapped to one of their own is in dealer_skus; an item still sold under the
  // distributor's SKU is found by it in the distributor's words, which begin with that SKU.
  const branches = [q ? branch(joined('dealer_skus'), sql`lower(l.dealer_sku) like ${containing(q)}`) : branch(sql`catalog_items`, sql`true`)];
  if (q) {
    branches.push(
      branch(described, sql`${distributorItemSearchText(distributorItems)} like ${containing(q)}`),
      branch(joined('sku_links'), sql`lower(l.dealer_sku) like ${containing(q)}`),
    );
    // "HF-204" finds "HF204": part numbers compared as the cross-reference compares them (its index).
    const partNumber = normalisePartText(q);
    if (partNumber) branches.push(branch(described, sql`${partNumberKey(distributorItems.manufacturerPartNumber)} = ${partNumber}`));
  }
  const keys = await db.execute<{ distributor: string; distributor_sku: string }>(
    sql`select distributor, distributor_sku from (${sql.join(branches, sql` union `)}) page order by 1, 2 limit ${limit}`,
  );
  const nextAfter =
    keys.length > search.limit ? { distributor: keys[search.limit - 1]!.distributor, distributorSku: keys[search.limit - 1]!.distributor_sku } : null;
  const pageKeys = keys.slice(0, search.limit).map((k) => ({ distributor: k.distributor, distributorSku: k.distributor_sku }));
  if (pageKeys.length === 0) return { items: [], nextAfter };

  const ofItems = (table: { distributor: AnyPgColumn; distributorSku: AnyPgColumn }) =>
    sql`(${table.distributor}, ${table.distributorSku}) in (${sql.join(
      pageKeys.map((k) => sql`(${k.distributor}, ${k.distributorSku})`),
      sql`, `,
    )})`;
  const rows = await db
    .select(dealerItemColumns)
    .from(catalogItems)
    .leftJoin(distributorItems, ofDistributorItem)
    .where(and(eq(catalogItems.dealerId, dealerId), ofItems(catalogItems)))
    .orderBy(asc(catalogItems.distributor), asc(catalogItems.distributorSku));
  const [stock, links] = await Promise.all([
    // The distributor's stock, which every dealer shares, through this dealer's warehouse list; a
    // warehouse seen empty keeps a row (for newest-wins) but is not shown, as before the split.
    db
      .select({
        distributor: distributorStock.distributor,
        distributorSku: distributorStock.distributorSku,
        warehouseCode: distributorStock.warehouseCode,
        warehouseName: warehouses.name,
        leadTimeDays: warehouses.leadTimeDays,
        quantity: distributorStock.quantity,
        updatedAt: distributorStock.asOf,
      })
      .from(distributorStock)
      .leftJoin(
        warehouses,
        and(eq(warehouses.dealerId, dealerId), eq(warehouses.distributor, distributorStock.distributor), eq(warehouses.code, distributorStock.warehouseCode)),
      )
      .where(and(ofItems(distributorStock), gt(distributorStock.quantity, 0)))
      .orderBy(asc(distributorStock.warehouseCode)),
    db
      .select(linkColumns)
      .from(skuLinks)
      .where(and(eq(skuLinks.dealerId, dealerId), ofItems(skuLinks)))
      .orderBy(asc(skuLinks.dealerSku)),
  ]);
  const of = (item: CatalogItemKey) => (row: CatalogItemKey) => row.distributor === item.distributor && row.distributorSku === item.distributorSku;
  return {
    items: rows.map(({ dealerId: _dealer, ...item }) => ({
      ...item,
      stock: stock.filter(of(item)).map(({ distributor: _d, distributorSku: _s, ...s }) => s),
      links: links.filter(of(item)),
    })),
    nextAfter,
  };
}

/** The dealer's links, optionally of one dealer SKU, by dealer SKU. */
export function listSkuLinks(db: Db, dealerId: string, dealerSku?: string) {
  return db
    .select(linkColumns)
    .from(skuLinks)
    .where(and(eq(skuLinks.dealerId, dealerId), dealerSku ? eq(skuLinks.dealerSku, dealerSku) : undefined))
    .orderBy(asc(skuLinks.dealerSku), asc(skuLinks.distributor), asc(skuLinks.distributorSku));
}

/** Why a link cannot be made, as the sentence the dealer reads and the field it is about. */
export class LinkRefused extends Error {
  constructor(
    message: string,
    readonly field: 'dealerSku' | 'distributorSku',
  ) {
    super(message);
  }
}

/**
 * Links a dealer SKU to a distributor item of the dealer's catalog, audited with who made it.
 * Idempotent: the same link again answers the one there is (`created: false`).
 */
export async function saveSkuLink(
  db: Db,
  dealerId: string,
  link: { dealerSku: string; distributor: string; distributorSku: string },
  actor: Actor,
): Promise<{ link: SkuLink; created: boolean }> {
  const name = isDistributorId(link.distributor) ? DISTRIBUTOR_NAMES[link.distributor] : link.distributor;
  return db.transaction(async (tx) => {
    const [item] = await tx
      .select({ dealerSku: catalogItems.dealerSku })
      .from(catalogItems)
      .where(and(eq(catalogItems.dealerId, dealerId), eq(catalogItems.distributor, link.distributor), eq(catalogItems.distributorSku, link.distributorSku)));
    if (!item)
      throw new LinkRefused(`${name} has no item ${link.distributorSku} in your catalog; check the part number or import its feed first`, 'distributorSku');
    if (item.dealerSku === link.dealerSku)
      throw new LinkRefused(`${name}'s feed already maps ${link.distributorSku} to your SKU ${link.dealerSku}; no link is needed`, 'dealerSku');
    const [inserted] = await tx
      .insert(skuLinks)
      .values({ dealerId, ...link, createdBy: actor.id ?? actor.type })
      .onConflictDoNothing()
      .returning(linkColumns);
    if (!inserted) {
      const [existing] = await tx.select(linkColumns).from(skuLinks).where(linkKey(dealerId, link));
      return { link: existing!, created: false };
    }
    await appendAuditEvent(tx, {
      dealerId,
      actor,
      type: 'catalog.linked',
      summary: `Your SKU ${link.dealerSku} linked to ${name} ${link.distributorSku}`,
      details: { link: inserted },
    });
    return { link: inserted, created: true };
  });
}

/** Removes a dealer-made link (what the feed says stands again); false when the dealer has none of that id. */
export async function deleteSkuLink(db: Db, dealerId: string, linkId: string, actor: Actor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(skuLinks)
      .where(and(eq(skuLinks.dealerId, dealerId), eq(skuLinks.id, linkId)))
      .returning(linkColumns);
    if (!removed) return false;
    const name = isDistributorId(removed.distributor) ? DISTRIBUTOR_NAMES[removed.distributor] : removed.distributor;
    await appendAuditEvent(tx, {
      dealerId,
      actor,
      type: 'catalog.unlinked',
      summary: `Link of your SKU ${removed.dealerSku} to ${name} ${removed.distributorSku} removed`,
      details: { link: removed },
    });
    return true;
  });
}

/** The catalog items a dealer-made link puts behind each of these dealer SKUs, carrying the linked SKU. */
export async function linkedItems(db: Db, dealerId: string, dealerSkus: string[]): Promise<DealerCatalogItem[]> {
  if (dealerSkus.length === 0) return [];
  const rows = await db
    .select({ item: dealerItemColumns, dealerSku: skuLinks.dealerSku })
    .from(skuLinks)
    .innerJoin(catalogItems, ofDealerItem(skuLinks))
    .leftJoin(distributorItems, ofDistributorItem)
    .where(and(eq(skuLinks.dealerId, dealerId), inArray(skuLinks.dealerSku, dealerSkus)));
  return rows.map(({ item, dealerSku }) => ({ ...item, dealerSku }));
}

function linkKey(dealerId: string, link: { dealerSku: string; distributor: string; distributorSku: string }) {
  return and(
    eq(skuLinks.dealerId, dealerId),
    eq(skuLinks.dealerSku, link.dealerSku),
    eq(skuLinks.distributor, link.distributor),
    eq(skuLinks.distributorSku, link.distributorSku),
  );
}

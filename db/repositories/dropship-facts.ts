import { and, eq, inArray, ne, notInArray, or, sql } from 'drizzle-orm';
import { addressProblems } from '../../domain/address.js';
import { itemsCarrying, normalisePartText, partKey } from '../../domain/cross-reference.js';
import { DISTRIBUTORS, isDistributorId, type DistributorId } from '../../domain/distributors.js';
import type { CandidateItem, DropshipFacts } from '../../domain/dropship-plan.js';
import type { Db } from '../client.js';
import { dealerItemColumns, linkedItems, ofDealerItem, ofDistributorItem, type DealerCatalogItem } from './catalog.js';
import {
  catalogItems,
  dealerSkus,
  dealers,
  distributorAccounts,
  distributorItems,
  distributorStock,
  dropships,
  partNumberKey,
  orderLines,
  orders,
  poLines,
  purchaseOrders,
  shippingMappings,
  warehouses,
} from '../schema/index.js';

const UNKNOWN_WAREHOUSE_LEAD_TIME_DAYS = 99;

/**
 * Gathers everything eligibility and routing need for one drop-ship, reducing the ship-to address to
 * its problems so no buyer PII leaves the database.
 */
export async function loadDropshipFacts(db: Db, dealerId: string, orderId: string, dropshipId: string): Promise<DropshipFacts> {
  const [dropship] = await db.select().from(dropships).where(eq(dropships.id, dropshipId));
  if (!dropship) throw new Error(`Drop-ship ${dropshipId} not found for dealer ${dealerId}`);
  return factsFor(db, dealerId, orderId, dropship);
}

/** What routing decides on for a drop-ship, or for one considered but not opened (an automatic failover's dry run). */
export type DropshipUnderPlanning = Pick<typeof dropships.$inferSelect, 'id' | 'shipTo' | 'rerouteOf' | 'excludedDistributors' | 'maxCostPercent'>;

export async function factsFor(db: Db, dealerId: string, orderId: string, dropship: DropshipUnderPlanning): Promise<DropshipFacts> {
  const dropshipId = dropship.id;
  const [dealer] = await db.select().from(dealers).where(eq(dealers.id, dealerId));
  const [order] = await db
    .select()
    .from(orders)
    .where(and(eq(orders.id, orderId), eq(orders.dealerId, dealerId)));
  if (!dealer || !order) throw new Error(`Order ${orderId} not found for dealer ${dealerId}`);

  // A re-route moves only the lines of the PO it re-routes.
  const lines = await db
    .select()
    .from(orderLines)
    .where(
      and(
        eq(orderLines.orderId, orderId),
        dropship.rerouteOf
          ? inArray(
              orderLines.id,
              db
                .select({ id: poLines.orderLineId })
                .from(poLines)
                .innerJoin(purchaseOrders, eq(purchaseOrders.id, poLines.poId))
                .where(and(eq(purchaseOrders.dealerId, dealerId), eq(purchaseOrders.poNumber, dropship.rerouteOf))),
            )
          : undefined,
      ),
    )
    .orderBy(orderLines.lineNumber);
  const skus = [...new Set(lines.map((l) => l.dealerSku))];
  const items = await carryingItems(db, dealerId, skus);
  const [accounts, stock, whs, mappings, placed] = await Promise.all([
    db.select().from(distributorAccounts).where(eq(distributorAccounts.dealerId, dealerId)),
    stockOf(db, items),
    db.select().from(warehouses).where(eq(warehouses.dealerId, dealerId)),
    db
      .select()
      .from(shippingMappings)
      .where(and(eq(shippingMappings.dealerId, dealerId), eq(shippingMappings.channel, order.channel), eq(shippingMappings.rateName, order.shippingRateName))),
    db
      .select({
        orderLineId: poLines.orderLineId,
        quantity: dropship.rerouteOf
          ? // The PO being re-routed keeps only what its distributor has neither cancelled nor backordered.
            sql<number>`sum(case when ${purchaseOrders.poNumber} = ${dropship.rerouteOf} then ${poLines.quantity} - ${poLines.cancelledQty} - ${poLines.backorderedQty} else ${poLines.quantity} - greatest(${poLines.cancelledQty}, ${poLines.reroutedQty}) end)::int`
          : sql<number>`sum(${poLines.quantity} - greatest(${poLines.cancelledQty}, ${poLines.reroutedQty}))::int`,
      })
      .from(poLines)
      .innerJoin(purchaseOrders, eq(purchaseOrders.id, poLines.poId))
      .where(and(eq(purchaseOrders.orderId, orderId), ne(purchaseOrders.dropshipId, dropshipId), notInArray(purchaseOrders.status, ['failed', 'cancelled'])))
      .groupBy(poLines.orderLineId),
  ]);

  const candidatesFor = candidateFinder(items, stock, whs);
  const alreadyPlaced = new Map(placed.map((p) => [p.orderLineId, p.quantity]));

  return {
    dealerId,
    orderId,
    channel: order.channel,
    dropshipCutoffCents: dealer.dropshipCutoffCents,
    stockBuffer: dealer.stockBuffer,
    preference: dealer.distributorPreference,
    accounts: accountFacts(accounts),
    shipToProblems: addressProblems(dropship.shipTo ?? order.shipTo),
    shippingRateName: order.shippingRateName,
    shippingMethods: Object.fromEntries(mappings.map((m) => [m.distributor, m.methodCode])),
    lines: lines.map((line) => ({
      lineId: line.id,
      dealerSku: line.dealerSku,
      quantity: line.quantity,
      alreadyDropshippedQty: alreadyPlaced.get(line.id) ?? 0,
      unitPriceCents: line.unitPriceCents,
      candidates: candidatesFor(line.dealerSku),
    })),
    ...(dropship.excludedDistributors.length > 0 ? { excluded: dropship.excludedDistributors } : {}),
    ...(dropship.maxCostPercent !== null ? { maxCostPercent: dropship.maxCostPercent } : {}),
  };
}

type CatalogItem = DealerCatalogItem;
interface StockRow {
  distributor: string;
  distributorSku: string;
  warehouse: string;
  quantity: number;
}

/** Each SKU's candidate items with their stock and the dealer's lead time per warehouse. */
export function candidateFinder(
  items: CatalogItem[],
  stock: StockRow[],
  whs: Array<{ distributor: string; code: string; leadTimeDays: number }>,
): (dealerSku: string) => CandidateItem[] {
  const leadTime = new Map(whs.map((w) => [`${w.distributor}/${w.code}`, w.leadTimeDays]));
  return (dealerSku) =>
    itemsCarrying(items, dealerSku)
      .filter((item) => isDistributorId(item.distributor))
      .map((item) => ({
        distributor: item.distributor as DistributorId,
        distributorSku: item.distributorSku,
        costCents: item.costCents,
        ...(item.carriedBy.via === 'same_part'
          ? { samePartAs: { brand: item.carriedBy.brand, manufacturerPartNumber: item.carriedBy.manufacturerPartNumber } }
          : {}),
        stock: stock
          .filter((s) => s.distributor === item.distributor && s.distributorSku === item.distributorSku)
          .map((s) => ({
            warehouse: s.warehouse,
            quantity: s.quantity,
            // A warehouse missing from the dealer's inventory rules is treated as too slow to drop-ship.
            leadTimeDays: leadTime.get(`${s.distributor}/${s.warehouse}`) ?? UNKNOWN_WAREHOUSE_LEAD_TIME_DAYS,
          })),
      }));
}

/** The distributor accounts as eligibility reads them. */
export function accountFacts(accounts: Array<typeof distributorAccounts.$inferSelect>): DropshipFacts['accounts'] {
  return accounts
    .filter((a) => isDistributorId(a.distributor))
    .map((a) => ({
      distributor: a.distributor as DistributorId,
      credentialsPresent: a.credentialsCiphertext !== null,
      taxIdOnFile: a.taxIdOnFile,
      creditCardOnFile: a.creditCardOnFile,
    }));
}

/** The stock of these items (the dealer's catalog items: the distributor's stock, shared by every dealer), every warehouse. */
export function stockOf(db: Db, items: CatalogItem[]): Promise<StockRow[]> {
  if (items.length === 0) return Promise.resolve([]);
  return db
    .select({
      distributor: distributorStock.distributor,
      distributorSku: distributorStock.distributorSku,
      warehouse: distributorStock.warehouseCode,
      quantity: distributorStock.quantity,
    })
    .from(distributorStock)
    .where(or(...items.map((i) => and(eq(distributorStock.distributor, i.distributor), eq(distributorStock.distributorSku, i.distributorSku)))));
}

/**
 * The catalog items mapped to the order's SKUs, by the feed or by a link the dealer made (which
 * outlives the next feed import), plus every item that is the same part (brand and manufacturer part
 * number) at any distributor.
 */
export async function carryingItems(db: Db, dealerId: string, skus: string[]): Promise<CatalogItem[]> {
  if (skus.length === 0) return [];
  const dealerItems = () => db.select(dealerItemColumns).from(catalogItems).leftJoin(distributorItems, ofDistributorItem);
  const ofDealer = eq(catalogItems.dealerId, dealerId);
  const [byFeed, byLink] = await Promise.all([
    // Each half through its own index: SKUs the dealer mapped to their own (dealer_skus), and those
    // sold under the distributor's, found by key at each distributor.
    dealerItems()
      .innerJoin(dealerSkus, ofDealerItem(dealerSkus))
      .where(and(ofDealer, eq(dealerSkus.dealerId, dealerId), inArray(dealerSkus.dealerSku, skus)))
      .unionAll(
        dealerItems().where(
          and(
            ofDealer,
            inArray(catalogItems.distributor, [...DISTRIBUTORS]),
            inArray(catalogItems.distributorSku, skus),
            eq(catalogItems.dealerSku, catalogItems.distributorSku),
          ),
        ),
      ),
    linkedItems(db, dealerId, skus),
  ]);
  const mapped = [...byFeed, ...byLink];
  const partNumbers = [
    ...new Set(mapped.flatMap((item) => (partKey(item.brand, item.manufacturerPartNumber) ? [normalisePartText(item.manufacturerPartNumber)] : []))),
  ];
  if (partNumbers.length === 0) return mapped;
  // The same part at any distributor (the shared part-number index), as far as it is in the dealer's catalog.
  const sameParts = await db
    .select(dealerItemColumns)
    .from(distributorItems)
    .innerJoin(catalogItems, and(ofDistributorItem, eq(catalogItems.dealerId, dealerId)))
    .where(inArray(partNumberKey(distributorItems.manufacturerPartNumber), partNumbers));
  const seen = new Set(mapped.map((item) => `${item.distributor}/${item.distributorSku}/${item.dealerSku}`));
  return [...mapped, ...sameParts.filter((item) => !seen.has(`${item.distributor}/${item.distributorSku}/${item.dealerSku}`))];
}

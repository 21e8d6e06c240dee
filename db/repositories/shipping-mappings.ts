import { and, asc, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../../domain/distributors.js';
import type { Db } from '../client.js';
import { auditEvents, shippingMappings } from '../schema/index.js';

export interface ShippingRateMapping {
  channel: string;
  rateName: string;
  methods: Partial<Record<DistributorId, string>>;
}

/** The dealer's mappings, one entry per channel shipping rate. */
export async function listShippingMappings(db: Db, dealerId: string, channel?: string): Promise<ShippingRateMapping[]> {
  const rows = await db
    .select()
    .from(shippingMappings)
    .where(and(eq(shippingMappings.dealerId, dealerId), channel ? eq(shippingMappings.channel, channel) : undefined))
    .orderBy(asc(shippingMappings.channel), asc(shippingMappings.rateName), asc(shippingMappings.distributor));
  const byRate = new Map<string, ShippingRateMapping>();
  for (const row of rows) {
    const key = JSON.stringify([row.channel, row.rateName]);
    const entry = byRate.get(key) ?? { channel: row.channel, rateName: row.rateName, methods: {} };
    entry.methods[row.distributor as DistributorId] = row.methodCode;
    byRate.set(key, entry);
  }
  return [...byRate.values()];
}

/**
 * Replaces what one shipping rate maps to, in one transaction: distributors left out become unmapped
 * for that rate, so a line routed there needs the dealer. An empty map removes the rate.
 */
export async function replaceShippingMapping(db: Db, dealerId: string, mapping: ShippingRateMapping, actor: Actor): Promise<void> {
  const { channel, rateName, methods } = mapping;
  await db.transaction(async (tx) => {
    await tx
      .delete(shippingMappings)
      .where(and(eq(shippingMappings.dealerId, dealerId), eq(shippingMappings.channel, channel), eq(shippingMappings.rateName, rateName)));
    const rows = Object.entries(methods).map(([distributor, methodCode]) => ({ dealerId, channel, rateName, distributor, methodCode: methodCode! }));
    if (rows.length) await tx.insert(shippingMappings).values(rows);
    await tx.insert(auditEvents).values({
      dealerId,
      actorType: actor.type,
      actorId: actor.id ?? null,
      type: 'shipping_mapping.saved',
      summary: rows.length
        ? `${channel} shipping rate "${rateName}" mapped to ${rows.map((r) => `${DISTRIBUTOR_NAMES[r.distributor as DistributorId]} ${r.methodCode}`).join(', ')}`
        : `${channel} shipping rate "${rateName}" unmapped`,
      details: { channel, rateName, methods },
    });
  });
}

import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import type { FailoverPolicy } from '../../domain/failover.js';
import type { Db } from '../client.js';
import { auditEvents, dealers } from '../schema/index.js';

const settingsColumns = {
  autoProcessing: dealers.autoProcessing,
  distributorPreference: dealers.distributorPreference,
  dropshipCutoffCents: dealers.dropshipCutoffCents,
  stockBuffer: dealers.stockBuffer,
  notificationEmail: dealers.notificationEmail,
  emailFrom: dealers.emailFrom,
  emailReplyTo: dealers.emailReplyTo,
  notifyBuyerOfPoChanges: dealers.notifyBuyerOfPoChanges,
  poPrefix: dealers.poPrefix,
  confirmReminderSeconds: dealers.confirmReminderSeconds,
  confirmExpirySeconds: dealers.confirmExpirySeconds,
  timeZone: dealers.timeZone,
  failoverPolicy: dealers.failoverPolicy,
  handlingDays: dealers.handlingDays,
};

/** Settings to change; the failover policy may name only some of its fields. */
export type SettingsChanges = Partial<Omit<DealerSettings, 'failoverPolicy'>> & { failoverPolicy?: Partial<FailoverPolicy> | undefined };

export type DealerSettings = NonNullable<Awaited<ReturnType<typeof findDealerSettings>>>;

/** The dealer's order-automation settings; null for an unknown dealer. */
export async function findDealerSettings(db: Db, dealerId: string) {
  const [row] = await db.select(settingsColumns).from(dealers).where(eq(dealers.id, dealerId));
  return row ?? null;
}

/**
 * Saves the given settings (the others keep their values) and audits what changed, from what to what
 * and by whom, in one transaction. Saving values already in place changes and audits nothing.
 */
export async function saveDealerSettings(db: Db, dealerId: string, patch: SettingsChanges, actor: Actor) {
  return db.transaction(async (tx) => {
    const [before] = await tx.select(settingsColumns).from(dealers).where(eq(dealers.id, dealerId)).for('update');
    if (!before) throw new Error(`Dealer ${dealerId} not found`);
    // The policy's fields left out keep their values, read under the row lock so two changes at once both count.
    const changes = patch.failoverPolicy ? { ...patch, failoverPolicy: { ...before.failoverPolicy, ...patch.failoverPolicy } } : patch;
    const changed = Object.entries(changes).filter(([field, value]) => JSON.stringify(before[field as keyof typeof before]) !== JSON.stringify(value));
    if (changed.length === 0) return before;
    const [after] = await tx.update(dealers).set(Object.fromEntries(changed)).where(eq(dealers.id, dealerId)).returning(settingsColumns);
    await tx.insert(auditEvents).values({
      dealerId,
      actorType: actor.type,
      actorId: actor.id ?? null,
      type: 'settings.saved',
      summary: `Settings changed: ${changed.map(([field]) => field).join(', ')}`,
      details: Object.fromEntries(changed.map(([field, value]) => [field, { from: before[field as keyof typeof before], to: value }])),
    });
    return after!;
  });
}

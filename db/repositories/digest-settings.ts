import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { DIGEST_DEFAULTS } from '../../domain/digest.js';
import type { Db, Transaction } from '../client.js';
import { auditEvents, dealers, digestSettings } from '../schema/index.js';

export interface DigestSettings {
  enabled: boolean;
  hour: number;
  minute: number;
  /** The dealer's own time zone (dealers.time_zone), which the digest is timed in. */
  timeZone: string;
  unshippedAfterDays: number;
}

/** The dealer's digest settings, the defaults where none are saved; null for an unknown dealer. */
export async function findDigestSettings(db: Db | Transaction, dealerId: string): Promise<DigestSettings | null> {
  const [row] = await db
    .select({ timeZone: dealers.timeZone, saved: digestSettings })
    .from(dealers)
    .leftJoin(digestSettings, eq(digestSettings.dealerId, dealers.id))
    .where(eq(dealers.id, dealerId));
  if (!row) return null;
  const { enabled, hour, minute, unshippedAfterDays } = row.saved ?? DIGEST_DEFAULTS;
  return { enabled, hour, minute, timeZone: row.timeZone, unshippedAfterDays };
}

/** Saves the given settings (the others keep their values) and audits who changed them, in one transaction. */
export async function saveDigestSettings(db: Db, dealerId: string, changes: Partial<DigestSettings>, actor: Actor): Promise<DigestSettings> {
  const { timeZone, ...digest } = changes;
  return db.transaction(async (tx) => {
    if (timeZone !== undefined) await tx.update(dealers).set({ timeZone }).where(eq(dealers.id, dealerId));
    await tx
      .insert(digestSettings)
      .values({ dealerId, ...digest })
      .onConflictDoUpdate({ target: digestSettings.dealerId, set: { ...digest, updatedAt: new Date() } });
    const saved = (await findDigestSettings(tx, dealerId))!;
    const time = `${String(saved.hour).padStart(2, '0')}:${String(saved.minute).padStart(2, '0')}`;
    await tx.insert(auditEvents).values({
      dealerId,
      actorType: actor.type,
      actorId: actor.id ?? null,
      type: 'settings.digest_saved',
      summary: saved.enabled ? `Daily digest on at ${time} ${saved.timeZone}` : 'Daily digest off',
      details: { ...saved },
    });
    return saved;
  });
}

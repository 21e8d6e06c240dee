import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/actor.js';
import { DISTRIBUTOR_NAMES, type DistributorId } from '../../domain/distributors.js';
import type { Db } from '../client.js';
import { auditEvents, distributorAccounts } from '../schema/index.js';

/**
 * What the settings page may know about an account. The ciphertext stays in the database: callers
 * learn only whether credentials are there.
 */
const settingsColumns = {
  distributor: distributorAccounts.distributor,
  configured: sql<boolean>`(${distributorAccounts.credentialsCiphertext} is not null and ${distributorAccounts.credentialsKeyId} is not null)`,
  credentialsSavedAt: distributorAccounts.credentialsSavedAt,
  taxIdOnFile: distributorAccounts.taxIdOnFile,
  creditCardOnFile: distributorAccounts.creditCardOnFile,
};

export interface DistributorAccountSettings {
  distributor: string;
  configured: boolean;
  credentialsSavedAt: Date | null;
  taxIdOnFile: boolean;
  creditCardOnFile: boolean;
}

export interface DistributorAccountChanges {
  credentials?: { ciphertext: string; keyId: string } | undefined;
  taxIdOnFile?: boolean | undefined;
  creditCardOnFile?: boolean | undefined;
}

export async function listDistributorAccounts(db: Db, dealerId: string): Promise<DistributorAccountSettings[]> {
  return db.select(settingsColumns).from(distributorAccounts).where(eq(distributorAccounts.dealerId, dealerId));
}

/**
 * Creates the account or changes only the given fields, so leaving credentials out keeps the saved
 * ones. The audit line says what changed and who changed it, never the values of secrets.
 */
export async function saveDistributorAccount(
  db: Db,
  dealerId: string,
  distributor: DistributorId,
  changes: DistributorAccountChanges,
  actor: Actor,
): Promise<DistributorAccountSettings> {
  const set = {
    ...(changes.credentials
      ? { credentialsCiphertext: changes.credentials.ciphertext, credentialsKeyId: changes.credentials.keyId, credentialsSavedAt: new Date() }
      : {}),
    ...(changes.taxIdOnFile === undefined ? {} : { taxIdOnFile: changes.taxIdOnFile }),
    ...(changes.creditCardOnFile === undefined ? {} : { creditCardOnFile: changes.creditCardOnFile }),
  };
  const changed = [
    ...(changes.credentials ? ['credentials'] : []),
    ...(changes.taxIdOnFile === undefined ? [] : [`Tax ID on file: ${changes.taxIdOnFile ? 'yes' : 'no'}`]),
    ...(changes.creditCardOnFile === undefined ? [] : [`credit card on file: ${changes.creditCardOnFile ? 'yes' : 'no'}`]),
  ];
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .insert(distributorAccounts)
      .values({ dealerId, distributor, ...set })
      .onConflictDoUpdate({ target: [distributorAccounts.dealerId, distributorAccounts.distributor], set: { ...set, updatedAt: new Date() } })
      .returning(settingsColumns);
    await tx.insert(auditEvents).values({
      dealerId,
      actorType: actor.type,
      actorId: actor.id ?? null,
      type: 'distributor_account.saved',
      summary: `${DISTRIBUTOR_NAMES[distributor]} account updated: ${changed.join(', ') || 'nothing changed'}`,
      details: { distributor, changed },
    });
    return saved!;
  });
}

/** Forgets the credentials; the readiness flags stay, since they describe the account, not the key. */
export async function clearDistributorCredentials(db: Db, dealerId: string, distributor: DistributorId, actor: Actor): Promise<boolean> {
  return db.transaction(async (tx) => {
    const cleared = await tx
      .update(distributorAccounts)
      .set({ credentialsCiphertext: null, credentialsKeyId: null, credentialsSavedAt: null, updatedAt: new Date() })
      .where(and(eq(distributorAccounts.dealerId, dealerId), eq(distributorAccounts.distributor, distributor)))
      .returning({ distributor: distributorAccounts.distributor });
    if (cleared.length === 0) return false;
    await tx.insert(auditEvents).values({
      dealerId,
      actorType: actor.type,
      actorId: actor.id ?? null,
      type: 'distributor_account.credentials_removed',
      summary: `${DISTRIBUTOR_NAMES[distributor]} credentials removed`,
      details: { distributor },
    });
    return true;
  });
}

import { and, eq, sql } from 'drizzle-orm';
import type { DistributorId } from '../../domain/distributors.js';
import type { Db } from '../client.js';
import { distributorAccounts } from '../schema/index.js';

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

/** Creates the account or changes only the given fields, so leaving credentials out keeps the saved ones. */
export async function saveDistributorAccount(
  db: Db,
  dealerId: string,
  distributor: DistributorId,
  changes: DistributorAccountChanges,
): Promise<DistributorAccountSettings> {
  const set = {
    ...(changes.credentials
      ? { credentialsCiphertext: changes.credentials.ciphertext, credentialsKeyId: changes.credentials.keyId, credentialsSavedAt: new Date() }
      : {}),
    ...(changes.taxIdOnFile === undefined ? {} : { taxIdOnFile: changes.taxIdOnFile }),
    ...(changes.creditCardOnFile === undefined ? {} : { creditCardOnFile: changes.creditCardOnFile }),
  };
  const [saved] = await db
    .insert(distributorAccounts)
    .values({ dealerId, distributor, ...set })
    .onConflictDoUpdate({ target: [distributorAccounts.dealerId, distributorAccounts.distributor], set: { ...set, updatedAt: new Date() } })
    .returning(settingsColumns);
  return saved!;
}

/** Forgets the credentials; the readiness flags stay, since they describe the account, not the key. */
export async function clearDistributorCredentials(db: Db, dealerId: string, distributor: DistributorId): Promise<void> {
  await db
    .update(distributorAccounts)
    .set({ credentialsCiphertext: null, credentialsKeyId: null, credentialsSavedAt: null })
    .where(and(eq(distributorAccounts.dealerId, dealerId), eq(distributorAccounts.distributor, distributor)));
}

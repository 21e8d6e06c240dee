import { boolean, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';
import { dealers } from './dealers.js';

/**
 * A dealer's account with one distributor. Credentials are AES-256-GCM ciphertext under the key named
 * by credentials_key_id; they are never returned by the API.
 */
export const distributorAccounts = pgTable(
  'distributor_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    distributor: text('distributor').notNull(),
    credentialsCiphertext: text('credentials_ciphertext'),
    credentialsKeyId: text('credentials_key_id'),
    /** When the dealer last saved credentials; updated_at also moves when only the readiness flags change. */
    credentialsSavedAt: timestamp('credentials_saved_at', { withTimezone: true }),
    taxIdOnFile: boolean('tax_id_on_file').notNull().default(false),
    creditCardOnFile: boolean('credit_card_on_file').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [unique('distributor_accounts_dealer_distributor_uq').on(t.dealerId, t.distributor)],
);

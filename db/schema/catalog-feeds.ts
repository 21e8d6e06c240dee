import type { DistributorId } from '../../domain/distributors.js';
import { boolean, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdAt, updatedAt } from './columns.js';
import { dealers } from './dealers.js';

/**
 * Where and when a dealer's daily price/inventory file from one distributor is fetched. The password
 * or private key is AES-256-GCM ciphertext under the key named by secret_key_id, exactly like
 * distributor credentials; only the import activity decrypts it.
 */
export const catalogFeeds = pgTable(
  'catalog_feeds',
  {
    dealerId: text('dealer_id')
      .notNull()
      .references(() => dealers.id),
    distributor: text('distributor').$type<DistributorId>().notNull(),
    transport: text('transport').$type<'sftp' | 'ftp' | 'https'>().notNull(),
    host: text('host').notNull(),
    /** Null means the transport's usual port. */
    port: integer('port'),
    path: text('path').notNull(),
    username: text('username'),
    secretCiphertext: text('secret_ciphertext'),
    secretKeyId: text('secret_key_id'),
    /** SHA-256 (hex) of the SFTP server's host key; when set, any other key is refused. */
    hostKeySha256: text('host_key_sha256'),
    /** Local time of the daily import in the dealer's time zone, unless a cron expression is given. */
    scheduleHour: integer('schedule_hour').notNull().default(5),
    scheduleMinute: integer('schedule_minute').notNull().default(0),
    scheduleCron: text('schedule_cron'),
    /** IANA name, e.g. America/Denver: "every morning" means the dealer's morning. */
    timeZone: text('time_zone').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.dealerId, t.distributor] })],
);

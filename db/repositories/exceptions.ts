import type { Db } from '../client.js';
import { exceptions } from '../schema/index.js';

export interface NewException {
  dealerId: string;
  orderId?: string | null | undefined;
  poNumber?: string | null | undefined;
  kind: string;
  message: string;
  key: string;
}

/** Puts something in front of the dealer once, whatever is retried. */
export async function raiseException(db: Db, exception: NewException): Promise<void> {
  await db
    .insert(exceptions)
    .values({ ...exception, orderId: exception.orderId ?? null, poNumber: exception.poNumber ?? null })
    .onConflictDoNothing({ target: exceptions.key });
}

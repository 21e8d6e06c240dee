import { eq } from 'drizzle-orm';
import type { Db } from '../client.js';
import { dealers } from '../schema/index.js';

export async function findDealer(db: Db, dealerId: string) {
  const [dealer] = await db.select().from(dealers).where(eq(dealers.id, dealerId));
  return dealer ?? null;
}

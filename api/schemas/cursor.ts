import { z } from 'zod';

/**
 * Keyset pagination, newest first: the cursor is the id of the last row of the page before, and the
 * next page continues after that row's own (created_at, id), so rows created within the same
 * millisecond are neither skipped nor repeated, and pages hold steady while new rows arrive.
 */
export const cursorParam = z.uuid({ error: 'cursor is not one this API returned' }).optional().describe('nextCursor of the page before');

/** Cuts the one extra row a page query asks for; the next cursor is set only when there is more. */
export function page<T extends { id: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
}

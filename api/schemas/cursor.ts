import { DomainError } from '../../domain/errors.js';

/**
 * Keyset pagination over (created_at, id), newest first: the cursor names the last row of the page
 * before, so pages hold steady while new rows arrive. Opaque to clients.
 */
export interface Position {
  createdAt: Date;
  id: string;
}

export function encodeCursor({ createdAt, id }: Position): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): Position | undefined {
  if (!cursor) return undefined;
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const date = new Date(createdAt);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/.test(id)) throw new Error('bad cursor');
    return { createdAt: date, id };
  } catch {
    throw new DomainError('BAD_REQUEST', 'cursor is not one this API returned', { fields: [{ field: 'querystring.cursor', message: 'Invalid cursor' }] });
  }
}

/** Cuts the one extra row a page query asks for, and makes the next cursor from the page's last row. */
export function page<T extends Position>(rows: T[], limit: number): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

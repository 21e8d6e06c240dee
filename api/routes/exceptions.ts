import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listExceptions, resolveException, type InboxEntry } from '../../db/repositories/exceptions.js';
import { DomainError } from '../../domain/errors.js';
import { EXCEPTION_KIND_TITLES, EXCEPTION_KINDS, EXCEPTION_STATUSES } from '../../domain/exceptions.js';
import type { ApiDeps } from '../deps.js';
import { uuidParam } from '../schemas/common.js';

const inboxQuery = z.object({
  status: z.enum(EXCEPTION_STATUSES, { error: `status must be one of ${EXCEPTION_STATUSES.join(', ')}` }).default('open'),
  kind: z.enum(EXCEPTION_KINDS, { error: `kind must be one of ${EXCEPTION_KINDS.join(', ')}` }).optional(),
  cursor: z.uuid({ error: 'cursor is not one this API returned' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * The exception inbox: everything that needs a person, from every drop-ship and PO, in one list.
 * Resolving is the dealer saying "dealt with"; it is audited and cannot be undone.
 */
export function exceptionRoutes({ db }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/exceptions', { schema: { tags: ['exceptions'], summary: 'The exception inbox, newest first (open ones unless status=resolved)', querystring: inboxQuery } }, async (request) => {
      const { cursor, ...filter } = request.query;
      const rows = await listExceptions(db, request.dealerId, { ...filter, after: cursor, limit: filter.limit + 1 });
      const page = rows.slice(0, filter.limit);
      return { exceptions: page.map(present), nextCursor: rows.length > filter.limit ? page.at(-1)!.id : null };
    });

    app.post(
      '/exceptions/:exceptionId/resolve',
      { schema: { tags: ['exceptions'], summary: 'Mark an exception dealt with (resolving it again changes nothing)', params: z.object({ exceptionId: uuidParam('Exception id') }) } },
      async (request) => {
        const resolved = await resolveException(db, request.dealerId, request.params.exceptionId, request.actor);
        if (!resolved) throw new DomainError('NOT_FOUND', 'No such exception');
        return present(resolved);
      },
    );
  };
}

function present(entry: InboxEntry) {
  return {
    id: entry.id,
    kind: entry.kind,
    title: EXCEPTION_KIND_TITLES[entry.kind],
    message: entry.message,
    status: entry.status,
    order: entry.orderId && entry.channel && entry.channelOrderId ? { id: entry.orderId, channel: entry.channel, channelOrderId: entry.channelOrderId } : null,
    poNumber: entry.poNumber,
    raisedAt: entry.createdAt.toISOString(),
    resolvedAt: entry.resolvedAt?.toISOString() ?? null,
    resolvedBy: entry.resolvedBy,
  };
}

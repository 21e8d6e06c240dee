import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listExceptions, resolveException, type InboxEntry } from '../../db/repositories/exceptions.js';
import { DomainError } from '../../domain/errors.js';
import {
  CLOSED_BY_SYSTEM,
  EXCEPTION_ACTIONS,
  EXCEPTION_KIND_ACTIONS,
  exceptionTitle,
  EXCEPTION_KINDS,
  EXCEPTION_STATUSES,
  EXCEPTION_VIEWS,
} from '../../domain/exceptions.js';
import type { ApiDeps } from '../deps.js';
import { errorResponses, uuidParam, V1_ERRORS } from '../schemas/common.js';

const inboxQuery = z.object({
  status: z
    .enum(EXCEPTION_VIEWS, { error: `status must be one of ${EXCEPTION_VIEWS.join(', ')}` })
    .default('open')
    .describe('open (newest raised first), resolved (newest resolved first) or all (newest raised first)'),
  kind: z.enum(EXCEPTION_KINDS, { error: `kind must be one of ${EXCEPTION_KINDS.join(', ')}` }).optional(),
  cursor: z.uuid({ error: 'cursor is not one this API returned' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const inboxEntry = z
  .strictObject({
    id: z.uuid(),
    kind: z.enum(EXCEPTION_KINDS),
    title: z.string(),
    message: z.string(),
    status: z.enum(EXCEPTION_STATUSES),
    order: z.strictObject({ id: z.uuid(), channel: z.string(), channelOrderId: z.string() }).nullable().describe('The order it concerns, if any'),
    poNumber: z.string().nullable(),
    raisedAt: z.iso.datetime(),
    resolvedAt: z.iso.datetime().nullable(),
    resolvedBy: z.string().nullable().describe('Who marked it dealt with; "system" when it closed by itself'),
    closedByItself: z.boolean().describe('Its cause went away (see resolution) without anyone marking it'),
    resolution: z.string().nullable().describe('Why it closed by itself, e.g. "every line of the order routes now"'),
    actions: z.array(z.enum(EXCEPTION_ACTIONS)).describe('What fixes it, the one to offer first leading; none means mark it dealt with'),
  })
  .meta({ id: 'InboxEntry', description: 'Something that needs a person' });

const inboxPage = z
  .strictObject({ exceptions: z.array(inboxEntry), nextCursor: z.uuid().nullable().describe('Pass as cursor for the next page; null on the last') })
  .describe('One page of the inbox');

/**
 * The exception inbox: everything that needs a person, from every drop-ship and PO, in one list.
 * Resolving is the dealer saying "dealt with"; it is audited and cannot be undone.
 */
export function exceptionRoutes({ db }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/exceptions',
      {
        schema: {
          tags: ['exceptions'],
          summary: 'The exception inbox: open ones newest first, or the resolved ones (newest resolved first), or all',
          querystring: inboxQuery,
          response: { 200: inboxPage, ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => {
        const { cursor, ...filter } = request.query;
        const rows = await listExceptions(db, request.dealerId, { ...filter, after: cursor, limit: filter.limit + 1 });
        const page = rows.slice(0, filter.limit);
        return { exceptions: page.map(present), nextCursor: rows.length > filter.limit ? page.at(-1)!.id : null };
      },
    );

    app.post(
      '/exceptions/:exceptionId/resolve',
      {
        schema: {
          tags: ['exceptions'],
          summary: 'Mark an exception dealt with (resolving it again changes nothing)',
          params: z.object({ exceptionId: uuidParam('Exception id') }),
          response: { 200: inboxEntry, ...errorResponses(...V1_ERRORS, 404) },
        },
      },
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
    title: exceptionTitle(entry.kind, { poNumber: entry.poNumber, orderRef: entry.channelOrderId }),
    message: entry.message,
    status: entry.status,
    order: entry.orderId && entry.channel && entry.channelOrderId ? { id: entry.orderId, channel: entry.channel, channelOrderId: entry.channelOrderId } : null,
    poNumber: entry.poNumber,
    raisedAt: entry.createdAt.toISOString(),
    resolvedAt: entry.resolvedAt?.toISOString() ?? null,
    resolvedBy: entry.resolvedBy,
    closedByItself: entry.resolvedBy === CLOSED_BY_SYSTEM,
    resolution: entry.resolution,
    actions: [...EXCEPTION_KIND_ACTIONS[entry.kind]],
  };
}

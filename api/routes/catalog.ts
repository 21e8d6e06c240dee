import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteSkuLink, LinkRefused, listSkuLinks, saveSkuLink, searchCatalog } from '../../db/repositories/catalog.js';
import { DomainError } from '../../domain/errors.js';
import type { ApiDeps } from '../deps.js';
import { catalogPage, catalogSearchQuery, encodeCatalogCursor, skuLinkBody, skuLinkParams, skuLinkSchema, skuLinksQuery } from '../schemas/catalog.js';
import { errorResponses, noContent, V1_ERRORS } from '../schemas/common.js';

/**
 * The dealer's catalog as the feeds imported it, and the dealer's own SKU ↔ distributor part
 * cross-reference, which routing reads beside the feeds' mapping: a line no distributor carries
 * is fixed here, and routed again from its drop-ship.
 */
export function catalogRoutes({ db }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/catalog/items',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Search the catalog by SKU, your SKU, brand, part number or description, with stock per warehouse and your links',
          querystring: catalogSearchQuery,
          response: { 200: catalogPage.describe('One page of items, by distributor and part number'), ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => {
        const { q, distributor, limit, cursor } = request.query;
        const { items, nextAfter } = await searchCatalog(db, request.dealerId, { q, distributor, limit, after: cursor });
        return { items, nextCursor: nextAfter ? encodeCatalogCursor(nextAfter) : null };
      },
    );

    app.get(
      '/catalog/links',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Your links of your SKUs to distributor items, optionally of one SKU',
          querystring: skuLinksQuery,
          response: { 200: z.strictObject({ links: z.array(skuLinkSchema) }).describe('The links'), ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => ({ links: await listSkuLinks(db, request.dealerId, request.query.dealerSku) }),
    );

    app.put(
      '/catalog/links',
      {
        schema: {
          tags: ['catalog'],
          summary: 'Link your SKU to a distributor item of your catalog (kept across feed imports); the same link again is answered as it is',
          body: skuLinkBody,
          response: {
            201: skuLinkSchema.describe('Linked'),
            200: skuLinkSchema.describe('The link was there already'),
            ...errorResponses(...V1_ERRORS, 422),
          },
        },
      },
      async (request, reply) => {
        try {
          const { link, created } = await saveSkuLink(db, request.dealerId, request.body, request.actor);
          return reply.status(created ? 201 : 200).send(link);
        } catch (error) {
          if (!(error instanceof LinkRefused)) throw error;
          throw new DomainError('UNPROCESSABLE', error.message, { fields: [{ field: `body.${error.field}`, message: error.message }] });
        }
      },
    );

    app.delete(
      '/catalog/links/:linkId',
      {
        schema: {
          tags: ['catalog'],
          summary: "Remove a link of yours (what the distributor's feed maps stands again)",
          params: skuLinkParams,
          response: { 204: noContent('Removed'), ...errorResponses(...V1_ERRORS, 404) },
        },
      },
      async (request, reply) => {
        if (!(await deleteSkuLink(db, request.dealerId, request.params.linkId, request.actor))) throw new DomainError('NOT_FOUND', 'No such link');
        return reply.status(204).send();
      },
    );
  };
}

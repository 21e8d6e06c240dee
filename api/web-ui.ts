import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where `npm run build:web` writes the dealer UI. */
export const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));

/** Paths the API owns: the UI's fallback never answers for them, so an unknown API path stays a JSON 404. */
const API_PREFIXES = ['/v1', '/docs', '/webhooks', '/codec', '/healthz', '/metrics'];

/**
 * Serves the built dealer UI at `/` when it has been built, and returns the SPA fallback for the
 * not-found handler: a browser loading /orders/123 gets index.html and the UI's router takes over.
 */
export async function registerWebUi(app: FastifyInstance, root = WEB_DIST): Promise<((request: FastifyRequest, reply: FastifyReply) => boolean) | null> {
  const indexFile = `${root}index.html`;
  if (!existsSync(indexFile)) return null;
  // wildcard: false registers one route per built file, so no catch-all route competes with the API's;
  // no reply decorator, so Swagger UI's own copy of this plugin can still register.
  await app.register(fastifyStatic, { root, wildcard: false, index: 'index.html', decorateReply: false });
  const indexHtml = readFileSync(indexFile);
  return (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = request.url.split('?')[0]!;
    if (API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return false;
    void reply.type('text/html; charset=utf-8').send(indexHtml);
    return true;
  };
}

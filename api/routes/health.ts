import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import { errorResponses } from '../schemas/common.js';

const check = z.strictObject({ ok: z.boolean(), ms: z.number().int().describe('How long it took to answer (or to give up, after 3 s)') });
const health = z.strictObject({ status: z.enum(['ok', 'degraded']), postgres: check, temporal: check });

/** GET /healthz: whether Postgres and Temporal answer, and how fast. 503 when either does not. */
export function healthRoutes({ db, temporal }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/healthz',
      {
        schema: {
          tags: ['health'],
          summary: 'Postgres and Temporal reachability',
          // For load balancers and monitors: no key.
          security: [],
          // 400: text that cannot be stored is refused on every route, this one included.
          response: { 200: health.describe('Both answer'), 503: health.describe('Postgres or Temporal does not answer'), ...errorResponses(400) },
        },
      },
      async (_request, reply) => {
        const [postgres, temporalCheck] = await Promise.all([probe(() => db.execute(sql`select 1`)), probe(() => temporal.workflowService.getSystemInfo({}))]);
        const ok = postgres.ok && temporalCheck.ok;
        return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'degraded', postgres, temporal: temporalCheck });
      },
    );
  };
}

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; ms: number }> {
  const started = performance.now();
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch {
    return { ok: false, ms: Math.round(performance.now() - started) };
  }
}

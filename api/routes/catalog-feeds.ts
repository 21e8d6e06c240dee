import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findCatalogFeed, listCatalogFeeds, recentFeedImports, saveCatalogFeed } from '../../db/repositories/catalog-feeds.js';
import { distributorPlugin } from '../../distributors/registry.js';
import { DISTRIBUTOR_NAMES } from '../../domain/distributors.js';
import { DomainError } from '../../domain/errors.js';
import { catalogFeedScheduleId } from '../../domain/ids.js';
import { httpsFeedFileUrl } from '../../feeds/transports/https.js';
import { saveCatalogFeedSchedule } from '../../temporal/catalog-feed-schedule.js';
import type { ApiDeps } from '../deps.js';
import { distributorSchema, errorResponses, optionalText, text, timestamp, timeZone, V1_ERRORS } from '../schemas/common.js';

const feedParams = z.object({ distributor: distributorSchema });

const feedSettings = z.strictObject({
  transport: z.enum(['sftp', 'ftp', 'https'], { error: 'Transport must be sftp, ftp or https' }),
  host: text('Host', 253),
  port: z.number({ error: 'Port must be a number' }).int().min(1, 'Port must be 1–65535').max(65535, 'Port must be 1–65535').optional(),
  path: text('File path', 500),
  username: optionalText('Username', 100),
  /** Secrets are write-only: left out, the saved one stays. */
  password: z.string({ error: 'Password must be text' }).min(1).max(500).optional(),
  privateKey: z.string({ error: 'Private key must be text' }).min(1).max(20_000).optional(),
  hostKeySha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'Host key fingerprint must be 64 hex characters (SHA-256)')
    .optional(),
  timeZone,
  scheduleHour: z.number().int().min(0, 'Hour must be 0–23').max(23, 'Hour must be 0–23').default(5),
  scheduleMinute: z.number().int().min(0, 'Minute must be 0–59').max(59, 'Minute must be 0–59').default(0),
  scheduleCron: optionalText('Cron expression', 100),
  enabled: z.boolean({ error: 'enabled must be true or false' }).default(true),
});

// The password goes wherever the URL points: an HTTPS path must not name another host or scheme.
const saveFeedBody = feedSettings.refine(
  (feed) => feed.transport !== 'https' || httpsFeedFileUrl({ host: feed.host, port: feed.port ?? null, path: feed.path }) !== null,
  {
    path: ['path'],
    error: (issue) => `File path must be a path on ${(issue.input as { host: string }).host}, such as /feeds/prices.csv: not a URL, //host or a backslash`,
  },
);

const feedImport = z
  .strictObject({
    id: z.uuid(),
    dealerId: z.string(),
    distributor: distributorSchema,
    status: z.enum(['running', 'succeeded', 'failed']),
    startedAt: timestamp,
    finishedAt: timestamp.nullable(),
    durationMs: z.number().nullable(),
    rowsRead: z.number().int(),
    rowsOk: z.number().int(),
    rowsHeld: z.number().int().describe('Of the good rows, those unchanged since the last import, which nothing else changed since either: skipped'),
    rowsBad: z.number().int(),
    badRows: z.array(z.strictObject({ line: z.number().int(), reason: z.string() })),
    committedLine: z.number().int(),
    error: z.string().nullable(),
  })
  .meta({ id: 'FeedImport', description: 'One run of a feed import' });

const catalogFeed = z
  .strictObject({
    dealerId: z.string(),
    distributor: distributorSchema,
    transport: z.enum(['sftp', 'ftp', 'https']),
    host: z.string(),
    port: z.number().int().nullable(),
    path: z.string(),
    username: z.string().nullable(),
    secretSaved: z.boolean().describe('Whether a password or private key is saved (they are never shown)'),
    hostKeySha256: z.string().nullable(),
    scheduleHour: z.number().int(),
    scheduleMinute: z.number().int(),
    scheduleCron: z.string().nullable(),
    timeZone: z.string(),
    enabled: z.boolean(),
    createdAt: timestamp,
    updatedAt: timestamp,
    recentImports: z.array(feedImport).describe('The latest five imports, newest first'),
  })
  .meta({ id: 'CatalogFeed', description: "Where and when a distributor's file is fetched (no secrets)" });

/**
 * The dealer's daily price/inventory files: where each distributor's file is and when to fetch it.
 * Saving also creates or updates the Temporal Schedule, so the settings and the schedule agree.
 */
export function catalogFeedRoutes({ db, credentialsCipher, temporal, taskQueue }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/catalog-feeds',
      {
        schema: {
          tags: ['catalog feeds'],
          summary: 'Feed settings (no secrets) with the latest imports',
          response: { 200: z.strictObject({ feeds: z.array(catalogFeed) }).describe('The feeds set up'), ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => {
        const feeds = await listCatalogFeeds(db, request.dealerId);
        return {
          feeds: await Promise.all(feeds.map(async (feed) => ({ ...feed, recentImports: await recentFeedImports(db, request.dealerId, feed.distributor, 5) }))),
        };
      },
    );

    app.put(
      '/catalog-feeds/:distributor',
      {
        schema: {
          tags: ['catalog feeds'],
          summary: 'Save where and when to fetch a distributor’s file, and schedule it',
          params: feedParams,
          body: saveFeedBody,
          response: {
            200: z
              .strictObject({ distributor: distributorSchema, scheduleId: z.string(), enabled: z.boolean(), timeZone: z.string() })
              .describe('Saved and scheduled'),
            ...errorResponses(...V1_ERRORS, 422),
          },
        },
      },
      async (request) => {
        const { distributor } = request.params;
        if (!distributorPlugin(distributor).feedMapping) {
          throw new DomainError('UNPROCESSABLE', `Dropline does not know the layout of ${DISTRIBUTOR_NAMES[distributor]}'s feed file yet`);
        }
        const { password, privateKey, ...settings } = request.body;
        const secret =
          password || privateKey ? credentialsCipher.encrypt({ ...(password ? { password } : {}), ...(privateKey ? { privateKey } : {}) }) : undefined;
        const timing = { ...settings, dealerId: request.dealerId, distributor, scheduleCron: settings.scheduleCron ?? null };
        // The schedule first: Temporal is the judge of a cron expression, and a refused one must save nothing.
        try {
          await saveCatalogFeedSchedule(temporal, taskQueue, timing);
        } catch (error) {
          // The Temporal client reports a spec the server refused as a TypeError carrying the server's reason.
          if (error instanceof TypeError) {
            throw new DomainError('BAD_REQUEST', `The schedule was refused: ${error.message}`, {
              fields: [{ field: 'body.scheduleCron', message: error.message }],
            });
          }
          throw error;
        }
        await saveCatalogFeed(db, request.dealerId, distributor, { ...settings, scheduleCron: timing.scheduleCron, secret });
        return { distributor, scheduleId: catalogFeedScheduleId(request.dealerId, distributor), enabled: timing.enabled, timeZone: timing.timeZone };
      },
    );

    app.post(
      '/catalog-feeds/:distributor/import-now',
      {
        schema: {
          tags: ['catalog feeds'],
          summary: 'Fetch and import the file now, outside the daily schedule',
          params: feedParams,
          response: {
            202: z.strictObject({ distributor: distributorSchema, started: z.literal(true) }).describe('The import has started'),
            ...errorResponses(...V1_ERRORS, 404),
          },
        },
      },
      async (request, reply) => {
        const { distributor } = request.params;
        if (!(await findCatalogFeed(db, request.dealerId, distributor)))
          throw new DomainError('NOT_FOUND', `No ${DISTRIBUTOR_NAMES[distributor]} feed is set up`);
        await temporal.schedule.getHandle(catalogFeedScheduleId(request.dealerId, distributor)).trigger();
        return reply.status(202).send({ distributor, started: true });
      },
    );
  };
}

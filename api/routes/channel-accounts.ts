import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  clearChannelCredentials,
  deleteChannelAccount,
  listChannelAccounts,
  saveChannelAccount,
  type ChannelAccountSettings,
} from '../../db/repositories/channel-accounts.js';
import { isPolledMarketplace, MARKETPLACE_NAMES, MARKETPLACES, type Marketplace } from '../../marketplaces/profiles.js';
import { DomainError } from '../../domain/errors.js';
import { marketplacePlugin } from '../../marketplaces/registry.js';
import { deleteChannelOrderSchedule, ORDER_POLLING, pauseChannelOrderSchedule, saveChannelOrderSchedule } from '../../temporal/channel-order-schedule.js';
import {
  CHANNEL_CONNECTION_TEST_WORKFLOW,
  channelConnectionTestWorkflowId,
  type ChannelConnectionTestWorkflow,
} from '../../workflows/contracts/test-connection.js';
import type { ApiDeps } from '../deps.js';
import { errorResponses, noContent, V1_ERRORS } from '../schemas/common.js';

const accountParams = z.object({
  channel: z.enum(MARKETPLACES, { error: `Channel must be one of ${MARKETPLACES.join(', ')}` }),
});

const saveAccountBody = z.record(z.string(), z.unknown(), { error: 'Send the account as a JSON object' });

const channelAccount = z
  .strictObject({
    channel: z.enum(MARKETPLACES),
    name: z.string(),
    accountFields: z.array(z.string()).describe('Fields of the account besides its credentials (shopDomain, sellerId, marketplaceId)'),
    credentialFields: z.array(z.string()).describe('What the credentials object holds (write-only)'),
    labels: z.record(z.string(), z.string()).describe('Each account and credential field as the marketplace names it to the dealer ("Admin API access token")'),
    configured: z.boolean(),
    credentialsSavedAt: z.iso.datetime().nullable(),
    shopDomain: z.string().nullable(),
    sellerId: z.string().nullable(),
    marketplaceId: z.string().nullable(),
    orderIntake: z
      .discriminatedUnion('kind', [
        z.strictObject({ kind: z.literal('poll'), everyMinutes: z.number() }),
        z.strictObject({
          kind: z.literal('webhook'),
          topics: z.array(z.string()).describe('The webhook topics to subscribe, each to the one path'),
          path: z.string().describe('Where Shopify sends its webhooks'),
        }),
      ])
      .describe('How orders come in: polled on a schedule, or sent by webhook'),
  })
  .meta({ id: 'ChannelAccount', description: 'A marketplace and what is saved for this dealer (nothing secret)' });

/**
 * A dealer's marketplace accounts: credentials go in and are encrypted at once; nothing secret
 * comes back out. Connecting eBay or Amazon starts polling its orders on a Temporal Schedule;
 * Shopify sends its orders to the webhook URL shown here.
 */
const connectionTest = z
  .strictObject({
    channel: z.enum(MARKETPLACES),
    ok: z.boolean(),
    reason: z.string().optional().describe('What the marketplace said, when it refused'),
    testedAt: z.iso.datetime(),
  })
  .describe('What the marketplace answered');

export function channelAccountRoutes({ db, credentialsCipher, temporal, taskQueue, workflowAnswerTimeoutMs }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/channel-accounts',
      {
        schema: {
          tags: ['channel accounts'],
          summary: 'Every marketplace, with what is saved for this dealer',
          response: { 200: z.strictObject({ accounts: z.array(channelAccount) }).describe('One entry per marketplace'), ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => {
        const saved = new Map((await listChannelAccounts(db, request.dealerId)).map((account) => [account.channel, account]));
        return { accounts: MARKETPLACES.map((channel) => present(request.dealerId, channel, saved.get(channel))) };
      },
    );

    app.put(
      '/channel-accounts/:channel',
      {
        schema: {
          tags: ['channel accounts'],
          summary: 'Connect or reconnect a marketplace account (replaces what is saved)',
          params: accountParams,
          body: saveAccountBody,
          response: { 200: channelAccount, ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => {
        const { channel } = request.params;
        const { credentials, ...account } = parseAccount(channel, request.body);
        const saved = await saveChannelAccount(
          db,
          request.dealerId,
          channel,
          { ...account, credentials: credentialsCipher.encrypt(credentials) },
          request.actor,
        );
        if (isPolledMarketplace(channel)) await saveChannelOrderSchedule(temporal, taskQueue, { dealerId: request.dealerId, channel });
        return present(request.dealerId, channel, saved);
      },
    );

    app.delete(
      '/channel-accounts/:channel/credentials',
      {
        schema: {
          tags: ['channel accounts'],
          summary: 'Forget the saved credentials (polling stops; orders already in stay)',
          params: accountParams,
          response: { 204: noContent('Forgotten'), ...errorResponses(...V1_ERRORS, 404) },
        },
      },
      async (request, reply) => {
        const { channel } = request.params;
        if (!(await clearChannelCredentials(db, request.dealerId, channel, request.actor))) {
          throw new DomainError('NOT_FOUND', `No ${MARKETPLACE_NAMES[channel]} account is saved`);
        }
        if (isPolledMarketplace(channel))
          await pauseChannelOrderSchedule(temporal, { dealerId: request.dealerId, channel }, 'The dealer removed the credentials');
        return reply.status(204).send();
      },
    );

    app.delete(
      '/channel-accounts/:channel',
      {
        schema: {
          tags: ['channel accounts'],
          summary: 'Disconnect the account: forget it and its credentials and stop polling its orders (orders already in stay)',
          params: accountParams,
          response: { 204: noContent('Disconnected'), ...errorResponses(...V1_ERRORS, 404) },
        },
      },
      async (request, reply) => {
        const { channel } = request.params;
        if (!(await deleteChannelAccount(db, request.dealerId, channel, request.actor))) {
          throw new DomainError('NOT_FOUND', `No ${MARKETPLACE_NAMES[channel]} account is connected`);
        }
        // After the row: a failure here leaves a schedule whose polls find no account, and repeating the request removes it.
        if (isPolledMarketplace(channel)) await deleteChannelOrderSchedule(temporal, { dealerId: request.dealerId, channel });
        return reply.status(204).send();
      },
    );

    app.post(
      '/channel-accounts/:channel/test-connection',
      {
        schema: {
          tags: ['channel accounts'],
          summary: 'Make one read-only call to the marketplace with the saved credentials and report what it said',
          params: accountParams,
          response: { 200: connectionTest, ...errorResponses(...V1_ERRORS, 422, 503) },
        },
      },
      async (request) => {
        const { channel } = request.params;
        const account = (await listChannelAccounts(db, request.dealerId)).find((a) => a.channel === channel);
        if (!account?.configured) throw new DomainError('UNPROCESSABLE', `Connect your ${MARKETPLACE_NAMES[channel]} account before testing the connection`);
        // The worker makes the call: only it decrypts credentials and reaches marketplaces.
        const result = await temporal.withAbortSignal(AbortSignal.timeout(workflowAnswerTimeoutMs), () =>
          temporal.workflow.execute<ChannelConnectionTestWorkflow>(CHANNEL_CONNECTION_TEST_WORKFLOW, {
            taskQueue,
            workflowId: channelConnectionTestWorkflowId(request.dealerId, channel, randomUUID()),
            args: [{ dealerId: request.dealerId, channel, channelName: MARKETPLACE_NAMES[channel] }],
            workflowExecutionTimeout: '2 minutes',
          }),
        );
        return { channel, ...result, testedAt: new Date().toISOString() };
      },
    );
  };
}

/** The channel's account fields plus its credentials, with every problem named by field. */
function parseAccount(channel: Marketplace, body: Record<string, unknown>) {
  const plugin = marketplacePlugin(channel);
  const schema = plugin.accountFields.extend({ credentials: plugin.credentials as z.ZodType<Record<string, string>> });
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data as { credentials: Record<string, string>; shopDomain?: string; sellerId?: string; marketplaceId?: string };
  const name = MARKETPLACE_NAMES[channel];
  const fields = parsed.error.issues.map((issue) => {
    const path = issue.path.map(String);
    const message =
      issue.code === 'unrecognized_keys'
        ? `${name} ${path.length > 0 ? 'credentials have' : 'accounts have'} no ${issue.keys.join(', ')}`
        : issue.path.length === 1 && issue.path[0] === 'credentials' && issue.code === 'invalid_type'
          ? `${name} credentials are required`
          : issue.message;
    return { field: ['body', ...path].join('.'), message };
  });
  throw new DomainError('BAD_REQUEST', `The ${name} account is incomplete: ${fields.map((f) => f.message).join('; ')}`, { fields });
}

function present(dealerId: string, channel: Marketplace, saved: ChannelAccountSettings | undefined) {
  const { profile, accountFields, credentials } = marketplacePlugin(channel);
  return {
    channel,
    name: profile.name,
    accountFields: Object.keys(accountFields.shape),
    credentialFields: Object.keys(credentials.shape),
    labels: Object.fromEntries(
      Object.entries({ ...accountFields.shape, ...credentials.shape }).map(([name, schema]) => [name, labelOf(schema as z.ZodType) ?? name]),
    ),
    configured: saved?.configured ?? false,
    credentialsSavedAt: saved?.credentialsSavedAt?.toISOString() ?? null,
    shopDomain: saved?.shopDomain ?? null,
    sellerId: saved?.sellerId ?? null,
    marketplaceId: saved?.marketplaceId ?? null,
    orderIntake:
      profile.intake.kind === 'poll'
        ? { kind: 'poll' as const, everyMinutes: ORDER_POLLING.everyMs / 60_000 }
        : { kind: 'webhook' as const, topics: [...profile.intake.topics], path: `/webhooks/${channel}/${encodeURIComponent(dealerId)}` },
  };
}

/** A field's label, looking through a default (Amazon's marketplace id has one). */
function labelOf(schema: z.ZodType): string | undefined {
  return schema.description ?? (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType).description : undefined);
}

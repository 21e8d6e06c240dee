import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  clearDistributorCredentials,
  listDistributorAccounts,
  saveDistributorAccount,
  type DistributorAccountSettings,
} from '../../db/repositories/distributor-accounts.js';
import { closeDistributorAccountExceptions } from '../../db/repositories/exceptions.js';
import { distributorPlugin } from '../../distributors/registry.js';
import { accountMissing } from '../../domain/account-readiness.js';
import { DISTRIBUTOR_NAMES, DISTRIBUTORS, type DistributorId } from '../../domain/distributors.js';
import { DomainError } from '../../domain/errors.js';
import { CONNECTION_TEST_WORKFLOW, connectionTestWorkflowId, type ConnectionTestWorkflow } from '../../workflows/contracts/test-connection.js';
import type { ApiDeps } from '../deps.js';
import { distributorSchema, errorResponses, noContent, V1_ERRORS } from '../schemas/common.js';

const accountParams = z.object({ distributor: distributorSchema });

const saveAccountBody = z
  .strictObject({
    credentials: z.record(z.string(), z.unknown(), { error: 'credentials must be an object of named values' }).optional(),
    taxIdOnFile: z.boolean({ error: 'taxIdOnFile must be true or false' }).optional(),
    creditCardOnFile: z.boolean({ error: 'creditCardOnFile must be true or false' }).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'Send credentials, taxIdOnFile or creditCardOnFile');

const distributorAccount = z
  .strictObject({
    distributor: distributorSchema,
    name: z.string(),
    credentialFields: z.array(z.string()).describe('What the credentials object holds (write-only)'),
    configured: z.boolean(),
    credentialsSavedAt: z.iso.datetime().nullable(),
    taxIdOnFile: z.boolean(),
    creditCardOnFile: z.boolean(),
    ready: z.boolean().describe('Whether the distributor can take drop-ship orders on this account: credentials saved and what it requires on file'),
    missing: z.array(z.string()).describe('What is still missing before it can, one sentence each'),
  })
  .meta({ id: 'DistributorAccount', description: 'A distributor and what is saved for this dealer (nothing secret)' });

const connectionTest = z
  .strictObject({
    distributor: distributorSchema,
    ok: z.boolean(),
    reason: z.string().optional().describe('What the distributor said, when it refused'),
    testedAt: z.iso.datetime(),
  })
  .describe('What the distributor answered');

/**
 * A dealer's distributor accounts: credentials go in and are encrypted at once; nothing secret ever
 * comes back out, only whether credentials are saved and when.
 */
export function distributorAccountRoutes({ db, credentialsCipher, temporal, taskQueue, workflowAnswerTimeoutMs }: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/distributor-accounts',
      {
        schema: {
          tags: ['distributor accounts'],
          summary: 'Every distributor, with what is saved for this dealer',
          response: { 200: z.strictObject({ accounts: z.array(distributorAccount) }).describe('One entry per distributor'), ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => {
        const saved = new Map((await listDistributorAccounts(db, request.dealerId)).map((account) => [account.distributor, account]));
        return { accounts: DISTRIBUTORS.map((distributor) => present(distributor, saved.get(distributor))) };
      },
    );

    app.put(
      '/distributor-accounts/:distributor',
      {
        schema: {
          tags: ['distributor accounts'],
          summary: 'Save credentials and readiness facts (fields left out keep their saved values)',
          params: accountParams,
          body: saveAccountBody,
          response: { 200: distributorAccount, ...errorResponses(...V1_ERRORS) },
        },
      },
      async (request) => {
        const { distributor } = request.params;
        const { credentials, taxIdOnFile, creditCardOnFile } = request.body;
        const saved = await saveDistributorAccount(
          db,
          request.dealerId,
          distributor,
          { credentials: credentials && credentialsCipher.encrypt(parseCredentials(distributor, credentials)), taxIdOnFile, creditCardOnFile },
          request.actor,
        );
        return present(distributor, saved);
      },
    );

    app.delete(
      '/distributor-accounts/:distributor/credentials',
      {
        schema: {
          tags: ['distributor accounts'],
          summary: 'Forget the saved credentials',
          params: accountParams,
          response: { 204: noContent('Forgotten'), ...errorResponses(...V1_ERRORS, 404) },
        },
      },
      async (request, reply) => {
        const { distributor } = request.params;
        if (!(await clearDistributorCredentials(db, request.dealerId, distributor, request.actor))) {
          throw new DomainError('NOT_FOUND', `No ${DISTRIBUTOR_NAMES[distributor]} account is saved`);
        }
        return reply.status(204).send();
      },
    );

    app.post(
      '/distributor-accounts/:distributor/test-connection',
      {
        schema: {
          tags: ['distributor accounts'],
          summary: 'Call the distributor with the saved credentials and report what it said',
          params: accountParams,
          response: { 200: connectionTest, ...errorResponses(...V1_ERRORS, 422, 503) },
        },
      },
      async (request) => {
        const { distributor } = request.params;
        const account = (await listDistributorAccounts(db, request.dealerId)).find((a) => a.distributor === distributor);
        if (!account?.configured)
          throw new DomainError('UNPROCESSABLE', `Save your ${DISTRIBUTOR_NAMES[distributor]} credentials before testing the connection`);
        // The worker makes the call: only it may decrypt credentials and reach distributors.
        const result = await temporal.withAbortSignal(AbortSignal.timeout(workflowAnswerTimeoutMs), () =>
          temporal.workflow.execute<ConnectionTestWorkflow>(CONNECTION_TEST_WORKFLOW, {
            taskQueue,
            workflowId: connectionTestWorkflowId(request.dealerId, distributor, randomUUID()),
            args: [{ dealerId: request.dealerId, distributor }],
            workflowExecutionTimeout: '2 minutes',
          }),
        );
        // The account works again: placed POs that could not be checked with it are no longer the dealer's to fix.
        if (result.ok)
          await closeDistributorAccountExceptions(db, request.dealerId, distributor, `the ${DISTRIBUTOR_NAMES[distributor]} connection test passed`);
        return { distributor, ...result, testedAt: new Date().toISOString() };
      },
    );
  };
}

function parseCredentials(distributor: DistributorId, credentials: Record<string, unknown>): Record<string, string> {
  const parsed = distributorPlugin(distributor).credentials.safeParse(credentials);
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => ({
    field: ['body', 'credentials', ...issue.path.map(String)].join('.'),
    message: issue.code === 'unrecognized_keys' ? `${DISTRIBUTOR_NAMES[distributor]} credentials have no ${issue.keys.join(', ')}` : issue.message,
  }));
  throw new DomainError('BAD_REQUEST', `${DISTRIBUTOR_NAMES[distributor]} credentials are incomplete: ${fields.map((f) => f.message).join('; ')}`, { fields });
}

function present(distributor: DistributorId, saved: DistributorAccountSettings | undefined) {
  const missing = accountMissing(distributor, saved);
  return {
    distributor,
    name: DISTRIBUTOR_NAMES[distributor],
    credentialFields: Object.keys(distributorPlugin(distributor).credentials.shape),
    configured: saved?.configured ?? false,
    credentialsSavedAt: saved?.credentialsSavedAt?.toISOString() ?? null,
    taxIdOnFile: saved?.taxIdOnFile ?? false,
    creditCardOnFile: saved?.creditCardOnFile ?? false,
    ready: missing.length === 0,
    missing,
  };
}

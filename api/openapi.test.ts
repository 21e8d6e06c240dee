import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONTRACT_FILES, contractFiles, openApiDocument } from '../scripts/contract.js';
import { buildApp } from './app.js';
import type { ApiDeps } from './deps.js';

interface Operation {
  responses: Record<string, { content?: unknown }>;
  security?: unknown[];
}

/** The API contract: committed as generated, complete for every operation, and enforced on every answer. */
describe('the OpenAPI document', () => {
  it('is committed as `npm run openapi` generates it, and so are the UI types', async () => {
    const files = await contractFiles();
    expect(await readFile(CONTRACT_FILES.openapi, 'utf8'), 'openapi.json is stale: run npm run openapi').toBe(files.openapi);
    expect(await readFile(CONTRACT_FILES.uiTypes, 'utf8'), 'web/src/api-types.ts is stale: run npm run openapi').toBe(files.uiTypes);
  });

  it('gives every operation a success with a body (or a 204) and its error answers', async () => {
    const document = (await openApiDocument()) as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, path, operation })),
    );
    expect(operations.length).toBeGreaterThan(30);
    for (const { name, path, operation } of operations) {
      const statuses = Object.keys(operation.responses);
      const successes = statuses.filter((status) => status.startsWith('2'));
      expect(successes.length, `${name} documents no success`).toBeGreaterThan(0);
      for (const status of successes)
        expect(status === '204' || operation.responses[status]!.content !== undefined, `${name} ${status} has no body`).toBe(true);
      // Sign-in, password reset and invitations are outside the dealer gate: no credentials to refuse, and they say so.
      const outsideGate = operation.security?.length === 0;
      if (path.startsWith('/v1/'))
        expect(statuses, `${name} leaves out what every /v1 route can answer`).toEqual(
          expect.arrayContaining(outsideGate ? ['400', '429'] : ['400', '401', '429']),
        );
      else expect(operation.security, `${name} must state its own security`).toBeDefined();
    }
  });

  it('refuses to send an answer its schema does not name: a 500, not a silently trimmed body', async () => {
    const app = await buildApp(standIns());
    app.get(
      '/contract-probe',
      { schema: { response: { 200: z.strictObject({ name: z.string() }) } } },
      async () => ({ name: 'Jane', secret: 'not in the contract' }) as { name: string },
    );
    const response = await app.inject({ method: 'GET', url: '/contract-probe' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ error: { code: 'INTERNAL' } });
    await app.close();
  });
});

function standIns(): ApiDeps {
  const unused = {} as never;
  return { db: unused, credentialsCipher: unused, temporal: unused, taskQueue: 'probe', tracking: unused, workflowAnswerTimeoutMs: 1, codecServer: null };
}

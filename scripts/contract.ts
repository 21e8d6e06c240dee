import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../api/app.js';
import type { ApiDeps } from '../api/deps.js';

/** Where the contract is committed: the OpenAPI document, and the UI's types generated from it. */
export const CONTRACT_FILES = {
  openapi: new URL('../openapi.json', import.meta.url),
  uiTypes: new URL('../web/src/api-types.ts', import.meta.url),
};

/**
 * The OpenAPI document as @fastify/swagger serves it at /docs/json. It depends only on the routes'
 * schemas, so the app is built on stand-ins that are never called.
 */
export async function openApiDocument(): Promise<Record<string, unknown>> {
  const unused = {} as never;
  const deps: ApiDeps = {
    db: unused,
    credentialsCipher: unused,
    temporal: unused,
    taskQueue: 'openapi',
    tracking: unused,
    workflowAnswerTimeoutMs: 1,
    rateLimit: { max: 1, timeWindowMs: 1000 },
    codecServer: null,
  };
  const app = await buildApp(deps);
  await app.ready();
  const document = app.swagger() as unknown as Record<string, unknown>;
  await app.close();
  return document;
}

/** Both files' contents, exactly as committed. */
export async function contractFiles(): Promise<{ openapi: string; uiTypes: string }> {
  const document = await openApiDocument();
  const types = astToString(await openapiTS(document as never));
  return {
    openapi: `${JSON.stringify(document, null, 2)}\n`,
    uiTypes: `// Generated from openapi.json by \`npm run openapi\`; do not edit. The API's routes are the source.\n\n${types}`,
  };
}

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { TEMPORAL_SERVER_VERSION } from '../../runtime/temporal-server.js';

/**
 * The tests run on the dev server embedded in Temporal CLI 1.8.2; `npm run prodlike` and
 * docker-compose.yml must run that same server version, or the topology tested is not the one shipped.
 */
describe('Temporal server version', () => {
  it('is the one the CLI embeds, in the server build, in docker-compose.yml and in the README', async () => {
    const embedded = /go\.temporal\.io\/server v(\S+)/.exec(await readFile('tools/temporal-cli/go.mod', 'utf8'))?.[1];
    expect(embedded).toBe(TEMPORAL_SERVER_VERSION);
    expect(await readFile('tools/temporal-server/go.mod', 'utf8')).toContain(`require go.temporal.io/server v${TEMPORAL_SERVER_VERSION}`);
    const compose = await readFile('docker-compose.yml', 'utf8');
    const images = [...compose.matchAll(/image: temporalio\/(server|admin-tools):(\S+)/g)].map(([, image, tag]) => `${image}:${tag}`);
    expect(images.sort()).toEqual([`admin-tools:${TEMPORAL_SERVER_VERSION}`, `server:${TEMPORAL_SERVER_VERSION}`]);
    expect(compose).toContain('./temporal/server/config.yaml');
    expect(compose).toContain('./temporal/server/dynamicconfig.yaml');
    expect(compose).toContain('./temporal/server/setup-schema.sh');
  });
});

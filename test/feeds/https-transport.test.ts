import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedError } from '../../feeds/errors.js';
import { httpsFeedFileUrl, openHttpsFile } from '../../feeds/transports/https.js';
import type { FeedLocation } from '../../feeds/transports/types.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/tls/${name}`, import.meta.url));
const CSV = 'Part Number,Dealer Price\n87-9934,61.00\n';
const BASIC = `Basic ${Buffer.from('ridgeline:feed-pa55word').toString('base64')}`;

interface Seen {
  path: string;
  authorization: string | undefined;
}

/** An HTTPS server on loopback (a self-signed certificate for 127.0.0.1) that records every request. */
async function startHttpsServer(files: Record<string, string>) {
  const seen: Seen[] = [];
  const server: Server = createServer({ key: fixture('loopback.key'), cert: fixture('loopback.crt') }, (request, response) => {
    seen.push({ path: request.url ?? '', authorization: request.headers.authorization });
    if (request.headers.authorization !== BASIC) return response.writeHead(401).end();
    const file = files[request.url ?? ''];
    if (file === undefined) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/csv' }).end(file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, seen, close: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * The HTTPS feed transport against real HTTPS servers on loopback: it downloads with the feed's Basic
 * credentials, and a path that names another host or scheme is refused before anything is sent, so the
 * credentials never reach that host.
 */
describe('HTTPS feed transport', () => {
  let feedHost: Awaited<ReturnType<typeof startHttpsServer>>;
  let otherHost: Awaited<ReturnType<typeof startHttpsServer>>;
  const previousTlsSetting = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

  beforeAll(async () => {
    // Node 20's fetch offers no way to trust one more CA at run time; this test file's process trusts any.
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    [feedHost, otherHost] = await Promise.all([startHttpsServer({ '/feeds/wps.csv': CSV }), startHttpsServer({ '/stolen.csv': CSV })]);
  });
  afterAll(async () => {
    if (previousTlsSetting === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previousTlsSetting;
    await Promise.all([feedHost?.close(), otherHost?.close()]);
  });

  const location = (path: string): FeedLocation => ({
    transport: 'https',
    host: '127.0.0.1',
    port: feedHost.port,
    path,
    username: 'ridgeline',
    hostKeySha256: null,
  });
  const secret = { password: 'feed-pa55word' };

  it('downloads the file from the feed host with the feed’s credentials', async () => {
    const download = await openHttpsFile(location('/feeds/wps.csv'), secret);
    try {
      expect(await text(download.stream)).toBe(CSV);
    } finally {
      await download.close();
    }
    expect(feedHost.seen.at(-1)).toEqual({ path: '/feeds/wps.csv', authorization: BASIC });
    await expect(openHttpsFile(location('/feeds/none.csv'), secret)).rejects.toMatchObject({ kind: 'not_found' });
    await expect(openHttpsFile(location('/feeds/wps.csv'), { password: 'wrong' })).rejects.toMatchObject({ kind: 'auth' });
  });

  it('refuses a path that leads to another host or scheme, sending nothing there', async () => {
    const other = `127.0.0.1:${otherHost.port}`;
    for (const path of [
      `https://${other}/stolen.csv`,
      `//${other}/stolen.csv`,
      `/\\${other}/stolen.csv`,
      `\\\\${other}\\stolen.csv`,
      `/\t/${other}/stolen.csv`,
      `http://${other}/stolen.csv`,
    ]) {
      const refused = await openHttpsFile(location(path), secret).then(
        async (download) => {
          await download.close();
          return null;
        },
        (error: unknown) => error,
      );
      expect(refused, path).toBeInstanceOf(FeedError);
      expect(refused, path).toMatchObject({ kind: 'not_configured', retryable: false });
    }
    expect(otherHost.seen).toEqual([]);
  });

  it('resolves only paths that stay on the feed host', () => {
    const on = (path: string) => httpsFeedFileUrl({ host: 'feeds.example.com', port: null, path })?.href ?? null;
    expect(on('/feeds/wps.csv')).toBe('https://feeds.example.com/feeds/wps.csv');
    expect(on('wps.csv')).toBe('https://feeds.example.com/wps.csv');
    expect(on('/a/../wps.csv?day=1')).toBe('https://feeds.example.com/wps.csv?day=1');
    for (const away of [
      'https://evil.example/x',
      '//evil.example/x',
      '/\\evil.example/x',
      'http://feeds.example.com/x',
      'https://feeds.example.com:8443/x',
      'javascript:alert(1)',
      '/\n/evil.example',
    ]) {
      expect(on(away), away).toBeNull();
    }
  });
});

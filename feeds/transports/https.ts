import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { FeedError } from '../errors.js';
import type { FeedDownload, FeedLocation, FeedSecret } from './types.js';

/**
 * Downloads a feed file over HTTPS, with HTTP Basic credentials when the feed has any. Only https:
 * the credentials must not cross the network in clear.
 */
export async function openHttpsFile(location: FeedLocation, secret: FeedSecret): Promise<FeedDownload> {
  const url = new URL(location.path, `https://${location.host}${location.port ? `:${location.port}` : ''}`);
  const where = url.host;
  const controller = new AbortController();
  const credentials = location.username || secret.password ? `${location.username ?? ''}:${secret.password ?? ''}` : null;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: credentials ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } : {},
      signal: controller.signal,
    });
  } catch (error) {
    throw new FeedError('unreachable', `Could not connect to ${where}: ${(error as Error).message}`, { cause: error });
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    const status = `${response.status} ${response.statusText}`.trim();
    if (response.status === 401 || response.status === 403) throw new FeedError('auth', `${where} refused the username or password (${status})`);
    if (response.status === 429 || response.status >= 500) throw new FeedError('unreachable', `${where} could not send ${url.pathname} just now (${status})`);
    throw new FeedError('not_found', `${where} has no file ${url.pathname} for us (${status})`);
  }
  const stream = Readable.fromWeb(response.body as ReadableStream<Uint8Array>);
  return {
    stream,
    async close() {
      controller.abort();
      stream.destroy();
    },
  };
}

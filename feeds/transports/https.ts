import { Readable } from 'node:stream';
import type { ReadableStream } from 'node:stream/web';
import { FeedError } from '../errors.js';
import type { FeedDownload, FeedLocation, FeedSecret } from './types.js';

/**
 * The feed file's URL: the path resolved on the feed's own host, or null when the path would lead to
 * another host or scheme (an absolute URL, `//host/…`). Backslashes and control characters are refused
 * outright: URL parsing reads a backslash as `/` and drops tabs and newlines, the usual ways to smuggle a host in.
 */
export function httpsFeedFileUrl(location: Pick<FeedLocation, 'host' | 'port' | 'path'>): URL | null {
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(location.path)) return null;
  let origin: URL;
  let url: URL;
  try {
    origin = new URL(`https://${location.host}${location.port ? `:${location.port}` : ''}`);
    url = new URL(location.path, origin);
  } catch {
    return null;
  }
  return url.origin === origin.origin ? url : null;
}

/**
 * Downloads a feed file over HTTPS, with HTTP Basic credentials when the feed has any. Only https:
 * the credentials must not cross the network in clear, and only to the feed's own host, whatever its
 * path says (the API refuses such a path too; this holds for rows saved before it did).
 */
export async function openHttpsFile(location: FeedLocation, secret: FeedSecret): Promise<FeedDownload> {
  const url = httpsFeedFileUrl(location);
  if (!url)
    throw new FeedError(
      'not_configured',
      `The feed's file path "${location.path}" leads away from ${location.host}: it must be a path on that host, such as /feeds/prices.csv`,
    );
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

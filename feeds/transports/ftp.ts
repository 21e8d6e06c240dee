import { Client, FTPError } from 'basic-ftp';
import { PassThrough } from 'node:stream';
import { FeedError } from '../errors.js';
import type { FeedDownload, FeedLocation, FeedSecret } from './types.js';

/** Socket inactivity, connecting and downloading alike. */
const TIMEOUT_MS = 30_000;

/** Downloads a feed file over plain FTP (basic-ftp, passive mode). */
export async function openFtpFile(location: FeedLocation, secret: FeedSecret): Promise<FeedDownload> {
  const where = `${location.host}:${location.port ?? 21}`;
  const client = new Client(TIMEOUT_MS);
  try {
    await client.access({
      host: location.host,
      port: location.port ?? 21,
      user: location.username ?? 'anonymous',
      password: secret.password ?? '',
      secure: false,
    });
  } catch (error) {
    client.close();
    if (error instanceof FTPError && error.code === 530)
      throw new FeedError('auth', `The FTP server at ${where} refused the username or password`, { cause: error });
    throw new FeedError('unreachable', `Could not connect to the FTP server at ${where}: ${(error as Error).message}`, { cause: error });
  }
  const stream = new PassThrough();
  // basic-ftp writes into the stream at the pace it is read; a failure mid-way reaches the reader as a stream error.
  client.downloadTo(stream, location.path).then(
    () => client.close(),
    (error: unknown) => {
      client.close();
      if (!stream.destroyed) stream.destroy(describe(error, location.path, where));
    },
  );
  return {
    stream,
    async close() {
      stream.destroy();
      client.close();
    },
  };
}

/** FTP's 5xx replies are permanent refusals (RFC 959): asking again will not help. */
function describe(error: unknown, path: string, where: string): FeedError {
  if (error instanceof FTPError && error.code === 530)
    return new FeedError('auth', `The FTP server at ${where} does not let this user read ${path}`, { cause: error });
  if (error instanceof FTPError && error.code >= 500)
    return new FeedError('not_found', `The FTP server at ${where} refused to send ${path}: ${error.message}`, { cause: error });
  return new FeedError('unreachable', `The download of ${path} from the FTP server at ${where} failed: ${(error as Error).message}`, { cause: error });
}

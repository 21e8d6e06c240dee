import type { Readable } from 'node:stream';

export type FeedTransport = 'sftp' | 'ftp' | 'https';

/** Where a feed file is. Nothing here is secret: it may appear in logs and messages. */
export interface FeedLocation {
  transport: FeedTransport;
  host: string;
  /** Null means the transport's usual port. */
  port: number | null;
  path: string;
  username: string | null;
  /** SFTP only: SHA-256 (hex) of the server's host key; when set, any other key is refused. */
  hostKeySha256: string | null;
}

/** What the feed's stored secret decrypts to. */
export interface FeedSecret {
  password?: string;
  /** SFTP only: an OpenSSH private key, instead of or besides a password. */
  privateKey?: string;
}

/** A file being downloaded. `close()` must be called however reading ends; it may be called twice. */
export interface FeedDownload {
  stream: Readable;
  close(): Promise<void>;
}

/** Opens one file for reading; throws FeedError when the server cannot be reached, refuses us or has no such file. */
export type OpenFeedFile = (location: FeedLocation, secret: FeedSecret) => Promise<FeedDownload>;

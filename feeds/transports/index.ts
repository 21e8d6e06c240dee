import { openFtpFile } from './ftp.js';
import { openHttpsFile } from './https.js';
import { openSftpFile } from './sftp.js';
import type { FeedTransport, OpenFeedFile } from './types.js';

export type { FeedDownload, FeedLocation, FeedSecret, FeedTransport, OpenFeedFile } from './types.js';

const FEED_TRANSPORTS: Record<FeedTransport, OpenFeedFile> = { sftp: openSftpFile, ftp: openFtpFile, https: openHttpsFile };

/** Opens a feed file with the client its transport names. */
export const openFeedFile: OpenFeedFile = (location, secret) => FEED_TRANSPORTS[location.transport](location, secret);

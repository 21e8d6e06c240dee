import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSftpFile } from '../../feeds/transports/sftp.js';
import { startSftpServer } from '../helpers/sftp-server.js';

/** 1.5 MB and a byte: 46 pieces of 32 KB, the last one short. */
const FILE = randomBytes(1_500_001);
/** Enough to tell a file from another in a failure message: its length, and a hash of its bytes in order. */
const digest = (bytes: Buffer) => ({ length: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
/** The answer delay of a server across a network. */
const ROUND_TRIP_MS = 20;

/**
 * The SFTP transport keeps several read requests in flight and puts the answers back in order:
 * ssh2's own read stream asks for 32 KB at a time and waits for each answer, so a download paid a
 * round trip per 32 KB. Its socket sends each request at once (no Nagle's algorithm): a request could
 * otherwise wait out the server's delayed acknowledgement of the last, 1.5 MB then taking 3–6 s on loopback.
 */
describe('SFTP feed transport', () => {
  let root: string;
  let near: Awaited<ReturnType<typeof startSftpServer>>;
  let far: Awaited<ReturnType<typeof startSftpServer>>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'dropline-sftp-'));
    await writeFile(path.join(root, 'wps.csv'), FILE);
    await writeFile(path.join(root, 'empty.csv'), '');
    [near, far] = await Promise.all([
      startSftpServer({ root, username: 'ridgeline', password: 'pw' }),
      startSftpServer({ root, username: 'ridgeline', password: 'pw', answerDelayMs: ROUND_TRIP_MS }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([near?.close(), far?.close()]);
    await rm(root, { recursive: true, force: true });
  });

  const download = async (server: typeof near, file: string) => {
    const opened = await openSftpFile(
      { transport: 'sftp', host: server.host, port: server.port, path: `/${file}`, username: 'ridgeline', hostKeySha256: null },
      { password: 'pw' },
    );
    const started = performance.now();
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
    } finally {
      await opened.close();
    }
    return { bytes: Buffer.concat(chunks), ms: performance.now() - started };
  };

  it('downloads the file byte for byte, in order, 1.5 MB in well under a second on loopback', async () => {
    const { bytes, ms } = await download(near, 'wps.csv');
    expect(digest(bytes)).toEqual(digest(FILE));
    expect(ms).toBeLessThan(1_000);
  });

  it('keeps requests in flight: from a server answering 20 ms later, 46 pieces take a few round trips, not 46', async () => {
    const { bytes, ms } = await download(far, 'wps.csv');
    expect(digest(bytes)).toEqual(digest(FILE));
    // One request at a time would take 46 × 20 ms = 920 ms at the least.
    expect(ms).toBeLessThan(500);
  });

  it('ends an empty file at once', async () => {
    const { bytes } = await download(near, 'empty.csv');
    expect(bytes.length).toBe(0);
  });
});

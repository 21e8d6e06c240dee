import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSftpFile } from '../../feeds/transports/sftp.js';
import { startSftpServer } from '../helpers/sftp-server.js';

/** 1.5 MB: 46 read requests of 32 KB, one after another. */
const FILE_BYTES = 1_500_000;

/**
 * The SFTP transport reads a file one request at a time, so every delay between a request and its
 * answer is paid once per 32 KB. With Nagle's algorithm on the client's socket, a request could wait
 * out the server's delayed acknowledgement of the last one: 1.5 MB took 3–6 s on loopback.
 */
describe('SFTP feed transport', () => {
  let root: string;
  let sftp: Awaited<ReturnType<typeof startSftpServer>>;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'dropline-sftp-'));
    await writeFile(path.join(root, 'wps.csv'), Buffer.alloc(FILE_BYTES, 'x'));
    sftp = await startSftpServer({ root, username: 'ridgeline', password: 'pw' });
  });
  afterAll(async () => {
    await sftp?.close();
    await rm(root, { recursive: true, force: true });
  });

  it('downloads a file without waiting on each request: 1.5 MB in well under a second on loopback', async () => {
    const started = performance.now();
    const download = await openSftpFile(
      { transport: 'sftp', host: sftp.host, port: sftp.port, path: '/wps.csv', username: 'ridgeline', hostKeySha256: null },
      { password: 'pw' },
    );
    let bytes = 0;
    try {
      for await (const chunk of download.stream) bytes += (chunk as Buffer).length;
    } finally {
      await download.close();
    }
    expect(bytes).toBe(FILE_BYTES);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

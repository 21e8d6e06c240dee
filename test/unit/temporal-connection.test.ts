import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { temporalConnectionOptions } from '../../temporal/connection.js';

describe('temporalConnectionOptions', () => {
  let dir = '';
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('connects in plaintext without TLS, with TLS and the API key for Temporal Cloud, and reads the mTLS files', async () => {
    expect(await temporalConnectionOptions({ address: '127.0.0.1:7233', tls: null })).toEqual({ address: '127.0.0.1:7233' });
    expect(await temporalConnectionOptions({ address: 'ns.acct.tmprl.cloud:7233', apiKey: 'key-1', tls: {} })).toEqual({
      address: 'ns.acct.tmprl.cloud:7233',
      tls: true,
      apiKey: 'key-1',
    });

    dir = await mkdtemp(path.join(tmpdir(), 'temporal-tls-'));
    const files = { cert: path.join(dir, 'client.pem'), key: path.join(dir, 'client.key'), ca: path.join(dir, 'ca.pem') };
    await Promise.all([writeFile(files.cert, 'CERT'), writeFile(files.key, 'KEY'), writeFile(files.ca, 'CA')]);
    const options = await temporalConnectionOptions({
      address: 'temporal.internal:7233',
      tls: { clientCertPath: files.cert, clientKeyPath: files.key, serverCaCertPath: files.ca, serverName: 'temporal.internal' },
    });
    expect(options.tls).toEqual({
      serverNameOverride: 'temporal.internal',
      serverRootCACertificate: Buffer.from('CA'),
      clientCertPair: { crt: Buffer.from('CERT'), key: Buffer.from('KEY') },
    });
    await expect(temporalConnectionOptions({ address: 'x:7233', tls: { serverCaCertPath: path.join(dir, 'missing.pem') } })).rejects.toThrow(/ENOENT/);
  });
});

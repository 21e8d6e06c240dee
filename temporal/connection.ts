import type { TLSConfig } from '@temporalio/client';
import { readFile } from 'node:fs/promises';
import type { TemporalTls } from '../config.js';

export interface TemporalConnectionSettings {
  address: string;
  apiKey?: string | undefined;
  tls: TemporalTls | null;
}

/**
 * The options both `Connection.connect` (client) and `NativeConnection.connect` (worker) take: plaintext
 * for the dev server and a cluster on a private network; TLS with an API key or a client certificate
 * for Temporal Cloud or a cluster that requires mTLS.
 */
export async function temporalConnectionOptions(
  settings: TemporalConnectionSettings,
): Promise<{ address: string; tls?: TLSConfig | boolean; apiKey?: string }> {
  const { address, apiKey, tls } = settings;
  if (!tls) return { address };
  const config: TLSConfig = {
    ...(tls.serverName && { serverNameOverride: tls.serverName }),
    ...(tls.serverCaCertPath && { serverRootCACertificate: await readFile(tls.serverCaCertPath) }),
    ...(tls.clientCertPath && tls.clientKeyPath && { clientCertPair: { crt: await readFile(tls.clientCertPath), key: await readFile(tls.clientKeyPath) } }),
  };
  return { address, tls: Object.keys(config).length > 0 ? config : true, ...(apiKey && { apiKey }) };
}

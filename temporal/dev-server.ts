import { TestWorkflowEnvironment } from '@temporalio/testing';
import { ensureTemporalCli, type TemporalCli } from '../runtime/temporal-cli.js';
import { SEARCH_ATTRIBUTES } from '../workflows/search-attributes.js';

export interface DevServer {
  address: string;
  namespace: string;
  uiUrl: string | null;
  cli: TemporalCli | null;
  stop(): Promise<void>;
}

/**
 * Starts `temporal server start-dev` (SQLite, one process) from the project-provisioned CLI, with our
 * search attributes registered. Without a CLI and Go, falls back to the SDK's own download.
 */
export async function startDevServer(options: {
  cliPath?: string | undefined;
  port?: number;
  uiPort?: number;
  dbFilename?: string;
  /** Codec Server the Web UI decodes payloads with, so it shows plaintext instead of ciphertext. */
  uiCodecEndpoint?: string;
  /** Where the server serves its own Prometheus `/metrics` (a random port unless given). */
  metricsPort?: number;
  log?: (line: string) => void;
}): Promise<DevServer> {
  const cli = await ensureTemporalCli(options.cliPath, options.log);
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: cli ? { type: 'existing-path', path: cli.path } : { type: 'cached-download' },
      ip: '127.0.0.1',
      ...(options.port ? { port: options.port } : {}),
      ...(options.uiPort ? { ui: true, uiPort: options.uiPort } : {}),
      ...(options.dbFilename ? { dbFilename: options.dbFilename } : {}),
      searchAttributes: Object.values(SEARCH_ATTRIBUTES),
      extraArgs: [
        '--sqlite-pragma',
        'journal_mode=WAL',
        '--sqlite-pragma',
        'synchronous=OFF',
        '--ui-disable-news-fetch',
        '--dynamic-config-value',
        'frontend.enableExecuteMultiOperation=true',
        ...(options.uiCodecEndpoint ? ['--ui-codec-endpoint', options.uiCodecEndpoint] : []),
        ...(options.metricsPort ? ['--metrics-port', String(options.metricsPort)] : []),
      ],
    },
  });
  return {
    address: env.address,
    namespace: env.namespace ?? 'default',
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : null,
    cli,
    stop: () => env.teardown(),
  };
}

import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { channelEndpointEnv, MARKETPLACES } from './marketplaces/profiles.js';
import { marketplacePlugin } from './marketplaces/registry.js';

/** Every endpoint production must name (Automatic Distributors publishes no host: a placeholder). */
const PRODUCTION_ENDPOINTS = {
  RESEND_BASE_URL: 'https://api.resend.com',
  WPS_BASE_URL: 'https://api.wps-inc.com',
  PARTS_UNLIMITED_BASE_URL: 'https://api.parts-unlimited.com',
  TUCKER_ROCKY_BASE_URL: 'https://api.tucker.com',
  AUTOMATIC_BASE_URL: 'https://api.autodist.example',
  EBAY_BASE_URL: 'https://api.ebay.com',
  AMAZON_SP_API_BASE_URL: 'https://sellingpartnerapi-na.amazon.com',
  AMAZON_LWA_TOKEN_URL: 'https://api.amazon.com/auth/o2/token',
};

describe('config', () => {
  it('gives up on a PO after 42 days and polls hourly by default', () => {
    const config = loadConfig({});
    expect(config.tracking.giveUpAfterMs).toBe(42 * 24 * 60 * 60 * 1000);
    expect(config.tracking.pollIntervalMs).toBe(60 * 60 * 1000);
  });

  it('tracks WPS POs by listing with a daily safety check by default, and every PO by polling when TRACKING_BATCHED=false', () => {
    expect(loadConfig({}).tracking.listing).toEqual({ distributors: ['wps'], safetyCheckMs: 24 * 3_600_000 });
    expect(loadConfig({ TRACKING_SAFETY_CHECK_HOURS: '6' }).tracking.listing?.safetyCheckMs).toBe(6 * 3_600_000);
    expect(loadConfig({ TRACKING_BATCHED: 'false' }).tracking.listing).toBeUndefined();
    expect(() => loadConfig({ TRACKING_BATCHED: 'no' })).toThrow(/TRACKING_BATCHED/);
  });

  it('keeps 1,000 workflows cached in a worker unless told otherwise, and at least 2', () => {
    expect(loadConfig({}).temporal.maxCachedWorkflows).toBe(1000);
    expect(loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '5000' }).temporal.maxCachedWorkflows).toBe(5000);
    expect(() => loadConfig({ WORKER_MAX_CACHED_WORKFLOWS: '1' })).toThrow(/WORKER_MAX_CACHED_WORKFLOWS/);
  });

  it('pushes tracking to the real marketplaces by default, each shop at its own domain, and to sandboxes when told', () => {
    expect(loadConfig({}).marketplaces).toStrictEqual({
      ebay: { baseUrl: 'https://api.ebay.com' },
      amazon: { baseUrl: 'https://sellingpartnerapi-na.amazon.com', tokenUrl: 'https://api.amazon.com/auth/o2/token' },
      shopify: { adminBaseUrl: undefined },
    });
    const sandboxes = loadConfig({ EBAY_BASE_URL: 'http://127.0.0.1:4106', SHOPIFY_ADMIN_BASE_URL: 'http://127.0.0.1:4108' });
    expect(sandboxes.marketplaces).toMatchObject({ ebay: { baseUrl: 'http://127.0.0.1:4106' }, shopify: { adminBaseUrl: 'http://127.0.0.1:4108' } });
    expect(() => loadConfig({ SHOPIFY_ADMIN_BASE_URL: 'ridgeline.myshopify.com' })).toThrow(/SHOPIFY_ADMIN_BASE_URL:/);
  });

  it('starts the marketplace sandboxes on 4106-4108 unless told otherwise, and names a bad port', () => {
    expect(loadConfig({}).sandboxes.marketplacePorts).toStrictEqual({ ebay: 4106, amazon: 4107, shopify: 4108 });
    expect(loadConfig({ AMAZON_SANDBOX_PORT: '5107' }).sandboxes.marketplacePorts.amazon).toBe(5107);
    expect(() => loadConfig({ SHOPIFY_SANDBOX_PORT: 'eighty', API_PORT: 'ninety' })).toThrow(/API_PORT:[\s\S]*SHOPIFY_SANDBOX_PORT:/);
  });

  it('reads back the sandbox endpoints npm run dev and chaos hand the worker as environment variables', () => {
    const sandboxed = Object.fromEntries(MARKETPLACES.map((m, i) => [m, marketplacePlugin(m).sandbox.endpoints(`http://127.0.0.1:${5000 + i}`)]));
    const env = channelEndpointEnv(sandboxed as ReturnType<typeof loadConfig>['marketplaces']);
    expect(env).toMatchObject({
      EBAY_BASE_URL: 'http://127.0.0.1:5000',
      AMAZON_LWA_TOKEN_URL: 'http://127.0.0.1:5001/auth/o2/token',
      SHOPIFY_ADMIN_BASE_URL: 'http://127.0.0.1:5002',
    });
    expect(loadConfig(env).marketplaces).toStrictEqual(sandboxed);
  });

  it('reports every invalid variable at once', () => {
    let message = '';
    try {
      loadConfig({ API_PORT: 'eighty', TRACKING_GIVE_UP_DAYS: '-1', WPS_BASE_URL: 'not a url' });
    } catch (error) {
      message = (error as Error).message;
    }
    for (const name of ['API_PORT', 'TRACKING_GIVE_UP_DAYS', 'WPS_BASE_URL']) expect(message).toContain(`${name}:`);
  });

  it('requires every secret in production and gives none a default there', () => {
    expect(() => loadConfig({ DROPLINE_ENV: 'production' })).toThrow(
      /PAYLOAD_ENCRYPTION_KEYS: required in production[\s\S]*CREDENTIALS_ENCRYPTION_KEYS: required in production[\s\S]*RESEND_API_KEY: required in production/,
    );
  });

  it('talks to no sandbox in production: every distributor, marketplace and Resend URL must be set, all missing ones named at once', () => {
    const key = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
    const secrets = { DROPLINE_ENV: 'production', PAYLOAD_ENCRYPTION_KEYS: key, CREDENTIALS_ENCRYPTION_KEYS: key, RESEND_API_KEY: 're_x' };
    let message = '';
    try {
      loadConfig({ ...secrets, WPS_BASE_URL: 'https://api.wps-inc.com' });
    } catch (error) {
      message = (error as Error).message;
    }
    const missing = Object.keys(PRODUCTION_ENDPOINTS).filter((name) => name !== 'WPS_BASE_URL');
    for (const name of missing) expect(message).toContain(`${name}: required in production`);
    expect(message).not.toContain('WPS_BASE_URL');

    const config = loadConfig({ ...secrets, ...PRODUCTION_ENDPOINTS });
    expect(config.distributors).toEqual({
      wps: 'https://api.wps-inc.com',
      parts_unlimited: 'https://api.parts-unlimited.com',
      tucker_rocky: 'https://api.tucker.com',
      automatic: 'https://api.autodist.example',
    });
    expect(config.email.baseUrl).toBe('https://api.resend.com');
    expect(config.marketplaces).toStrictEqual({
      ebay: { baseUrl: 'https://api.ebay.com' },
      amazon: { baseUrl: 'https://sellingpartnerapi-na.amazon.com', tokenUrl: 'https://api.amazon.com/auth/o2/token' },
      shopify: { adminBaseUrl: undefined },
    });
    // Outside production the sandboxes stay the defaults.
    expect(loadConfig({}).distributors.wps).toBe('http://127.0.0.1:4101');
    expect(loadConfig({}).email.baseUrl).toBe('http://127.0.0.1:4102');
  });

  it('starts each distributor sandbox on its own port, named by the variables its plug-in gives', () => {
    expect(loadConfig({}).sandboxes.distributors).toEqual({ wps: 4101, parts_unlimited: 4104, tucker_rocky: 4103, automatic: 4105 });
    expect(loadConfig({ TUCKER_ROCKY_SANDBOX_PORT: '5103' }).sandboxes.distributors).toMatchObject({ tucker_rocky: 5103, wps: 4101 });
    expect(() => loadConfig({ AUTOMATIC_SANDBOX_PORT: 'eighty' })).toThrow(/AUTOMATIC_SANDBOX_PORT:/);
    expect(loadConfig({ AUTOMATIC_BASE_URL: 'http://127.0.0.1:9999' }).distributors.automatic).toBe('http://127.0.0.1:9999');
  });

  it('parses key rings with a key id, the first key encrypting', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const old = Buffer.alloc(32, 9).toString('base64');
    const config = loadConfig({ PAYLOAD_ENCRYPTION_KEYS: `k2:${key},k1:${old}` });
    expect(config.payloadKeys.activeKeyId).toBe('k2');
    expect(config.payloadKeys.keys.map((k) => k.id)).toEqual(['k2', 'k1']);
    expect(() => loadConfig({ PAYLOAD_ENCRYPTION_KEYS: 'k1:short' })).toThrow(/32 bytes/);
  });

  it('serves the Codec Server in production only behind CODEC_AUTH_TOKEN, to Temporal Web on its UI port', () => {
    const key = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
    const production = {
      DROPLINE_ENV: 'production',
      PAYLOAD_ENCRYPTION_KEYS: key,
      CREDENTIALS_ENCRYPTION_KEYS: key,
      RESEND_API_KEY: 're_x',
      ...PRODUCTION_ENDPOINTS,
    };
    expect(loadConfig(production).codecServer.enabled).toBe(false);
    expect(loadConfig({ ...production, CODEC_AUTH_TOKEN: 'secret' }).codecServer).toMatchObject({ enabled: true, authToken: 'secret' });
    expect(loadConfig({}).codecServer).toMatchObject({ enabled: true, authToken: undefined });
    expect(loadConfig({ TEMPORAL_UI_PORT: '9000' }).codecServer.corsOrigins).toEqual(['http://127.0.0.1:9000', 'http://localhost:9000']);
    expect(loadConfig({ CODEC_CORS_ORIGIN: 'https://temporal.example.com, http://localhost:8233' }).codecServer.corsOrigins).toEqual([
      'https://temporal.example.com',
      'http://localhost:8233',
    ]);
    expect(() => loadConfig({ CODEC_CORS_ORIGIN: 'https://temporal.example.com/ui' })).toThrow(/CODEC_CORS_ORIGIN/);
  });

  it('serves /metrics in production only behind METRICS_TOKEN, and the worker exports Temporal metrics only where told', () => {
    const key = `k1:${Buffer.alloc(32, 7).toString('base64')}`;
    const production = {
      DROPLINE_ENV: 'production',
      PAYLOAD_ENCRYPTION_KEYS: key,
      CREDENTIALS_ENCRYPTION_KEYS: key,
      RESEND_API_KEY: 're_x',
      ...PRODUCTION_ENDPOINTS,
    };
    expect(loadConfig(production).metrics).toEqual({ api: null, workerAddress: undefined });
    expect(loadConfig({ ...production, METRICS_TOKEN: 'scrape' }).metrics.api).toEqual({ authToken: 'scrape' });
    expect(loadConfig({}).metrics).toEqual({ api: { authToken: undefined }, workerAddress: undefined });
    for (const address of ['127.0.0.1:9464', '0.0.0.0:9100', '[::1]:9464', '[::]:0']) {
      expect(loadConfig({ WORKER_METRICS_ADDRESS: address }).metrics.workerAddress).toBe(address);
    }
    // Temporal's exporter binds an IP address: a host name, a missing port or an IPv6 address without brackets would fail at start.
    for (const address of ['localhost:9464', '127.0.0.1', '9464', '::1:9464', '127.0.0.1:70000', '[127.0.0.1]:9464']) {
      expect(() => loadConfig({ WORKER_METRICS_ADDRESS: address }), address).toThrow(/WORKER_METRICS_ADDRESS: expected ip:port/);
    }
  });

  it('rate-limits each distributor, overriding only the ones named', () => {
    expect(loadConfig({}).distributorRates).toEqual({ wps: 5, parts_unlimited: 5, tucker_rocky: 2, automatic: 2 });
    expect(loadConfig({ DISTRIBUTOR_RATE_LIMITS: 'wps=12, tucker_rocky=0.5' }).distributorRates).toMatchObject({
      wps: 12,
      tucker_rocky: 0.5,
      parts_unlimited: 5,
    });
    expect(() => loadConfig({ DISTRIBUTOR_RATE_LIMITS: 'acme=3,wps=0' })).toThrow(/"acme" is not one of[\s\S]*wps needs a rate above 0/);
  });

  it('reaches Temporal in plaintext by default, over TLS with an API key (Temporal Cloud) or a client certificate (mTLS)', () => {
    expect(loadConfig({}).temporal).toMatchObject({ connection: { apiKey: undefined, tls: null }, retentionDays: 7, namespace: 'default' });
    expect(loadConfig({ TEMPORAL_API_KEY: 'key-1', TEMPORAL_NAMESPACE: 'dropline.a1b2c' }).temporal).toMatchObject({
      namespace: 'dropline.a1b2c',
      connection: { apiKey: 'key-1', tls: {} },
    });
    expect(loadConfig({ TEMPORAL_TLS: 'true' }).temporal.connection.tls).toEqual({});
    expect(
      loadConfig({
        TEMPORAL_TLS_CLIENT_CERT_PATH: '/run/secrets/client.pem',
        TEMPORAL_TLS_CLIENT_KEY_PATH: '/run/secrets/client.key',
        TEMPORAL_TLS_SERVER_CA_CERT_PATH: '/run/secrets/ca.pem',
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
        TEMPORAL_NAMESPACE_RETENTION_DAYS: '30',
      }).temporal,
    ).toMatchObject({
      retentionDays: 30,
      connection: {
        tls: {
          clientCertPath: '/run/secrets/client.pem',
          clientKeyPath: '/run/secrets/client.key',
          serverCaCertPath: '/run/secrets/ca.pem',
          serverName: 'temporal.internal',
        },
      },
    });
    expect(() => loadConfig({ TEMPORAL_TLS_CLIENT_CERT_PATH: '/run/secrets/client.pem' })).toThrow(
      /TEMPORAL_TLS_CLIENT_KEY_PATH: a client certificate needs both/,
    );
    expect(() => loadConfig({ TEMPORAL_API_KEY: 'key-1', TEMPORAL_TLS: 'false' })).toThrow(
      /TEMPORAL_TLS: an API key or a client certificate is only sent over TLS/,
    );
    expect(() => loadConfig({ TEMPORAL_NAMESPACE_RETENTION_DAYS: '0' })).toThrow(/TEMPORAL_NAMESPACE_RETENTION_DAYS/);
  });
});

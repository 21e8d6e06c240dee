import { Client, Connection } from '@temporalio/client';
import closeWithGrace from 'close-with-grace';
import { buildApp } from './api/app.js';
import { loadConfig } from './config.js';
import { createDb } from './db/client.js';
import { createResendSender } from './notifications/resend-sender.js';
import { EncryptionCodec } from './temporal/codec.js';
import { temporalConnectionOptions } from './temporal/connection.js';
import { createCredentialsCipher } from './security/credentials-cipher.js';
import { dataConverter } from './temporal/data-converter.js';

/** The API process: the only place (with worker.ts) where real dependencies are built. */
async function main() {
  const config = loadConfig();
  if (!config.database.url) throw new Error('DATABASE_URL is not set (`npm run dev` starts an embedded Postgres and sets it)');
  if (!config.temporal.address) throw new Error('TEMPORAL_ADDRESS is not set (`npm run dev` starts a Temporal dev server and sets it)');

  const database = createDb(config.database.url);
  const connection = await Connection.connect(await temporalConnectionOptions({ address: config.temporal.address, ...config.temporal.connection }));
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter: dataConverter(config.payloadKeys) });
  const app = await buildApp(
    {
      db: database.db,
      credentialsCipher: createCredentialsCipher(config.credentialKeys),
      temporal,
      taskQueue: config.temporal.taskQueue,
      tracking: config.tracking,
      workflowAnswerTimeoutMs: 10_000,
      rateLimit: config.api.rateLimit,
      accounts: {
        policy: config.accounts,
        publicUrl: config.accounts.publicUrl,
        email: createResendSender({ apiKey: config.email.apiKey, baseUrl: config.email.baseUrl }),
        emailFrom: config.email.defaultFrom,
      },
      codecServer: config.codecServer.enabled
        ? { codec: new EncryptionCodec(config.payloadKeys), authToken: config.codecServer.authToken, corsOrigins: config.codecServer.corsOrigins }
        : null,
      metrics: config.metrics.api,
    },
    { logger: { level: config.logLevel, redact: ['req.headers.authorization'] } },
  );
  app.addHook('onClose', async () => {
    await connection.close();
    await database.close();
  });
  closeWithGrace({ delay: 10_000 }, async ({ err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    await app.close();
  });
  await app.listen({ host: config.api.host, port: config.api.port });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

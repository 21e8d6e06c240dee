import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { documentRoles, requireDealer } from './auth.js';
import { accountDeps, type ApiDeps } from './deps.js';
import { errorHandler } from './errors.js';
import { createChangeFeed } from './live-changes.js';
import { OPENAPI_OPTIONS } from './openapi.js';
import { registerMetrics } from './metrics.js';
import { limitPerApiKey, limitPerClient } from './rate-limit.js';
import { apiKeyRoutes } from './routes/api-keys.js';
import { catalogRoutes } from './routes/catalog.js';
import { catalogFeedRoutes } from './routes/catalog-feeds.js';
import { channelAccountRoutes } from './routes/channel-accounts.js';
import { codecRoutes } from './routes/codec.js';
import { digestSettingsRoutes } from './routes/digest-settings.js';
import { distributorAccountRoutes } from './routes/distributor-accounts.js';
import { distributorRoutes } from './routes/distributors.js';
import { bulkDropshipRoutes } from './routes/bulk-dropships.js';
import { dropshipRoutes } from './routes/dropships.js';
import { eventRoutes, LIVE_STREAMS } from './routes/events.js';
import { exceptionRoutes } from './routes/exceptions.js';
import { healthRoutes } from './routes/health.js';
import { orderRoutes } from './routes/orders.js';
import { purchaseOrderRoutes } from './routes/purchase-orders.js';
import { settingsRoutes } from './routes/settings.js';
import { setupChecklistRoutes } from './routes/setup-checklist.js';
import { shippingMappingRoutes } from './routes/shipping-mappings.js';
import { publicAccountRoutes, sessionRoutes } from './routes/sessions.js';
import { shopifyWebhookRoutes } from './routes/shopify-webhooks.js';
import { userRoutes } from './routes/users.js';
import { warehouseRoutes } from './routes/warehouses.js';
import { refuseBadText } from './text.js';
import { registerWebUi } from './web-ui.js';

/** The whole HTTP API as one Fastify instance; the caller decides whether to listen or inject. */
export async function buildApp(deps: ApiDeps, options: FastifyServerOptions = {}) {
  const app = Fastify({
    ...options,
    // Buyer PII and keys travel in bodies and headers: log neither.
    logger: options.logger ?? false,
    genReqId: () => crypto.randomUUID(),
    // Bad URLs and over-long path params are refused by the router, before any handler: same envelope.
    frameworkErrors: errorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // Every route, /v1 and webhooks alike: text that cannot be stored as sent is a 400 before any handler.
  app.addHook('preValidation', refuseBadText);
  const serveWebUi = await registerWebUi(app);
  app.setNotFoundHandler((request, reply) => {
    if (serveWebUi?.(request, reply)) return reply;
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url}`, requestId: request.id } });
  });

  // Live updates: one LISTEN per process; its streams end before the server closes, which would wait for them.
  const changes = createChangeFeed(() => deps.db.$client, app.log);
  app.addHook('preClose', () => changes.close());

  // Before every route and before swagger reads them: each /v1 route's role is set and documented here.
  documentRoles(app);
  await app.register(cookie);
  await app.register(swagger, OPENAPI_OPTIONS);
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // For Prometheus, so outside /v1 and its dealer keys; its hook counts every route registered after it.
  if (deps.metrics !== null) registerMetrics(app, deps.db, deps.metrics ?? {});
  await app.register(healthRoutes(deps));
  // For operators (Temporal Web, the Temporal CLI), so outside /v1 and its dealer keys.
  if (deps.codecServer) await app.register(codecRoutes(deps.codecServer), { prefix: '/codec' });
  // Signed by Shopify with the dealer's webhook secret, not a dealer key: outside /v1 too.
  await app.register(shopifyWebhookRoutes(deps));
  const accounts = accountDeps(deps);
  // Sign-in, password reset and invitations are reached before anyone is signed in: outside the gate, limited per client.
  await app.register(
    async (open) => {
      await limitPerClient(open, accounts.policy.publicRateLimit);
      await open.register(publicAccountRoutes(deps.db, accounts));
    },
    { prefix: '/v1' },
  );
  await app.register(
    async (v1) => {
      requireDealer(v1, deps.db);
      if (deps.rateLimit) await limitPerApiKey(v1, deps.rateLimit);
      await v1.register(orderRoutes(deps));
      await v1.register(dropshipRoutes(deps));
      await v1.register(bulkDropshipRoutes(deps));
      await v1.register(purchaseOrderRoutes(deps));
      await v1.register(distributorRoutes());
      await v1.register(distributorAccountRoutes(deps));
      await v1.register(shippingMappingRoutes(deps));
      await v1.register(catalogFeedRoutes(deps));
      await v1.register(catalogRoutes(deps));
      await v1.register(exceptionRoutes(deps));
      await v1.register(digestSettingsRoutes(deps));
      await v1.register(channelAccountRoutes(deps));
      await v1.register(settingsRoutes(deps));
      await v1.register(setupChecklistRoutes(deps));
      await v1.register(warehouseRoutes(deps));
      await v1.register(apiKeyRoutes(deps));
      await v1.register(eventRoutes(changes, { ...LIVE_STREAMS, ...deps.liveStreams }));
      await v1.register(sessionRoutes(deps.db));
      await v1.register(userRoutes(deps.db, accounts));
    },
    { prefix: '/v1' },
  );
  return app;
}

import type { SwaggerOptions } from '@fastify/swagger';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

type Document = ReturnType<typeof jsonSchemaTransformObject>;

/**
 * The OpenAPI document @fastify/swagger serves at /docs/json (and `npm run openapi` commits as
 * openapi.json): every route's zod schemas, with the shapes named by `.meta({ id })` as components.
 */
export const OPENAPI_OPTIONS: SwaggerOptions = {
  openapi: {
    info: { title: 'Dropline API', version: '1' },
    components: {
      securitySchemes: {
        dealerKey: { type: 'http', scheme: 'bearer', description: 'A dealer API key (POST /v1/api-keys makes more)' },
        shopifyHmac: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Shopify-Hmac-Sha256',
          description: "Base64 HMAC-SHA256 of the raw body with the dealer's Shopify webhook secret, as Shopify signs its webhooks",
        },
      },
    },
    security: [{ dealerKey: [] }],
  },
  transform: (input) => withMediaTypes(jsonSchemaTransform(input)),
  transformObject: (input) => withoutUnusedSchemas(jsonSchemaTransformObject(input)),
};

/**
 * A response schema with a `mediaType` in its meta (the event stream's text/event-stream) is documented
 * under that media type; every other answer is JSON.
 */
function withMediaTypes(route: ReturnType<typeof jsonSchemaTransform>): ReturnType<typeof jsonSchemaTransform> {
  const response = (route.schema as { response?: Record<string, Record<string, unknown>> } | undefined)?.response;
  for (const [status, schema] of Object.entries(response ?? {})) {
    const { mediaType, description, ...rest } = schema;
    if (typeof mediaType === 'string') response![status] = { description, content: { [mediaType]: { schema: rest } } };
  }
  return route;
}

/**
 * The zod transform adds an input ("…Input") twin of every named schema; the named schemas describe
 * answers, so the twins nothing refers to are left out rather than generated into every client.
 */
function withoutUnusedSchemas(document: Document): Document {
  const { components } = document as { components?: { schemas?: Record<string, unknown> } };
  if (!components?.schemas) return document;
  const named = Object.entries(components.schemas);
  const answers = JSON.stringify({
    ...document,
    components: { ...components, schemas: Object.fromEntries(named.filter(([name]) => !name.endsWith('Input'))) },
  });
  const used = named.filter(([name]) => !name.endsWith('Input') || answers.includes(`"#/components/schemas/${name}"`));
  return { ...document, components: { ...components, schemas: Object.fromEntries(used) } } as Document;
}

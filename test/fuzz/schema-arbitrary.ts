import fc from 'fast-check';

/** The subset of JSON Schema that fastify-type-provider-zod writes into our OpenAPI document. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  nullable?: boolean;
  default?: unknown;
}

/** Values a careless or hostile client sends where something else was expected. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(Number.MAX_SAFE_INTEGER * 1000, -1e308, 1e308, -0, 0.1 + 0.2, 2 ** 31, -(2 ** 63)),
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\ud800',
    'x\udfffy',
    '💥🏍️',
    '\u202e',
    "'; drop table orders; --",
    '../../etc/passwd',
    '%00',
    'null',
    'true',
    '1e400',
    '𝕯𝖗𝖔𝖕',
  ),
  fc.constant('x'.repeat(100_000)),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.anything({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.uuid(),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
);

export interface Generation {
  /** Probability that any one node is swapped for garbage; 0 keeps to the schema. */
  chaos?: number;
  /**
   * Values that mean something to the server, by property name (a time zone, an existing line id):
   * random strings would satisfy the schema and still never get past the handler's own checks.
   */
  examples?: Record<string, unknown[]>;
}

/**
 * Values for `schema`. With `chaos` > 0, any node is swapped for garbage with that probability,
 * required properties go missing and unknown ones appear, so one arbitrary yields both valid requests
 * and requests that are wrong in a few places; shrinking then points at the place.
 */
export function schemaArbitrary(schema: JsonSchema, generation: Generation = {}): fc.Arbitrary<unknown> {
  const chaos = generation.chaos ?? 0;
  const valid = validArbitrary(schema, generation);
  if (chaos === 0) return valid;
  const weight = Math.max(1, Math.round((1 - chaos) / chaos));
  return fc.oneof({ weight, arbitrary: valid }, { weight: 1, arbitrary: garbage });
}

function validArbitrary(schema: JsonSchema, generation: Generation): fc.Arbitrary<unknown> {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => schemaArbitrary(s, generation)));
  if (schema.allOf?.length) return schemaArbitrary(Object.assign({}, ...schema.allOf) as JsonSchema, generation);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => validArbitrary({ ...schema, type }, generation)));
  const withNull = (arbitrary: fc.Arbitrary<unknown>) => (schema.nullable ? fc.option(arbitrary, { nil: null }) : arbitrary);
  switch (types[0]) {
    case 'string':
      return withNull(stringArbitrary(schema));
    case 'integer':
    case 'number':
      return withNull(numberArbitrary(schema, types[0] === 'integer'));
    case 'boolean':
      return withNull(fc.boolean());
    case 'null':
      return fc.constant(null);
    case 'array':
      return withNull(
        fc.array(schemaArbitrary(schema.items ?? {}, generation), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) }),
      );
    case 'object':
      return withNull(objectArbitrary(schema, generation));
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.uuid();
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.format === 'date-time')
    return fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString());
  if (schema.format === 'date')
    return fc.date({ noInvalidDate: true, min: new Date('2000-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString().slice(0, 10));
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? 40, Math.max(minLength, 40));
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  }
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ minLength, maxLength, unit: 'grapheme' }) },
    { weight: 2, arbitrary: notText(minLength, maxLength) },
  );
}

/**
 * A string of an allowed length with one character no text column can hold: a NUL (Postgres refuses
 * it) or an unpaired surrogate (JSON's "\ud800" escape makes one; stored, it turns into "�").
 */
function notText(minLength: number, maxLength: number): fc.Arbitrary<string> {
  const around = fc.string({ minLength: Math.max(0, minLength - 1), maxLength: Math.max(0, maxLength - 1) });
  return fc.tuple(around, fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'), fc.nat()).map(([text, bad, at]) => {
    const index = at % (text.length + 1);
    return text.slice(0, index) + bad + text.slice(index);
  });
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-6) : -1e6);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-6) : 1e6);
  if (integer) return fc.integer({ min: Math.max(min, Number.MIN_SAFE_INTEGER), max: Math.min(max, Number.MAX_SAFE_INTEGER) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectArbitrary(schema: JsonSchema, generation: Generation): fc.Arbitrary<Record<string, unknown>> {
  const chaos = generation.chaos ?? 0;
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const property = (key: string, value: JsonSchema) => {
    const examples = generation.examples?.[key];
    const generated = schemaArbitrary(value, generation);
    return examples?.length ? fc.oneof(fc.constantFrom(...examples), generated) : generated;
  };
  const known = fc.record(
    Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, property(key, value)])),
    // Under chaos a required property may be missing too.
    { requiredKeys: chaos > 0 ? [] : [...required].filter((key) => key in properties) },
  );
  const open = schema.additionalProperties;
  const extraValue = typeof open === 'object' ? schemaArbitrary(open, generation) : garbage;
  const extras =
    chaos > 0 || typeof open === 'object' ? fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), extraValue, { maxKeys: 2 }) : fc.constant({});
  return fc.tuple(extras, known).map(([extra, values]) => ({ ...extra, ...values }));
}

import fc from 'fast-check';
import { garbage, schemaArbitrary, type JsonSchema } from './schema-arbitrary.js';

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

/** What the fuzz sends; printed in one line when fast-check reports a (shrunk) counterexample. */
export interface FuzzRequest {
  /** The OpenAPI operation it was derived from, e.g. `POST /v1/orders/{orderId}/dropships`. */
  operation: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  /** Ids belonging to another dealer appear in the path: the answer must not be a success. */
  foreignIds: boolean;
}

/** Who sends a request: which Authorization header it carries. */
export interface Credentials {
  dealerKey: string;
  otherDealerKey: string;
}

/**
 * Values that exist, by path/query parameter name (`orderId`, `poNumber`, …), so generated requests reach
 * real rows and not only 404s; `foreign` holds the other dealer's.
 */
export interface KnownValues {
  own: Record<string, string[]>;
  foreign: Record<string, string[]>;
  /** Meaningful body values by property name (see `Generation.examples`). */
  bodyExamples: Record<string, unknown[]>;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** One arbitrary of requests per operation in the OpenAPI document, so routes added later are fuzzed too. */
export function requestsFromOpenApi(
  document: { paths: Record<string, Record<string, Operation>> },
  credentials: Credentials,
  known: KnownValues,
): fc.Arbitrary<FuzzRequest> {
  const operations = Object.entries(document.paths).flatMap(([path, operations]) =>
    METHODS.filter((method) => operations[method]).map((method) => operationRequests(path, method, operations[method]!, credentials, known)),
  );
  if (operations.length === 0) throw new Error('The OpenAPI document lists no operations');
  return fc.oneof(...operations);
}

/** How many operations the document holds (for the report). */
export function operationCount(document: { paths: Record<string, Record<string, Operation>> }): number {
  return Object.values(document.paths).reduce((sum, operations) => sum + METHODS.filter((m) => operations[m]).length, 0);
}

function operationRequests(path: string, method: string, operation: Operation, credentials: Credentials, known: KnownValues): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.parameters ?? [];
  const pathParameters = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const pathValues = fc.tuple(
    ...pathParameters.map((name) => pathValue(name, parameters.find((p) => p.in === 'path' && p.name === name)?.schema ?? { type: 'string' }, known)),
  );
  const query = queryString(
    parameters.filter((p) => p.in === 'query'),
    known,
  );
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  const body = bodySchema ? bodyFor(bodySchema, known.bodyExamples) : noBody;
  return fc
    .record({
      path: pathValues,
      query,
      body,
      authorization: authorization(credentials),
      actingUser: fc.option(headerText, { nil: undefined }),
      wrongMethod: fc.oneof({ weight: 19, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .map(({ path: values, query: search, body: sent, authorization: auth, actingUser, wrongMethod }) => {
      let url = path;
      values.forEach((value, i) => (url = url.replace(`{${pathParameters[i]}}`, value.text)));
      const headers: Record<string, string> = {
        ...(auth.header ? { authorization: auth.header } : {}),
        ...(actingUser ? { 'x-acting-user': actingUser } : {}),
        ...sent.headers,
      };
      // Now and then the right path with a method it does not take.
      const sentMethod = wrongMethod ? (method === 'get' ? 'PATCH' : 'GET') : method.toUpperCase();
      return describeRequest(auth.label, {
        operation: `${method.toUpperCase()} ${path}`,
        method: sentMethod,
        url: search ? `${url}?${search}` : url,
        headers,
        ...(sent.payload === undefined ? {} : { payload: sent.payload }),
        foreignIds: values.some((v) => v.foreign),
      });
    });
}

interface PathValue {
  text: string;
  foreign: boolean;
}

function pathValue(name: string, schema: JsonSchema, known: KnownValues): fc.Arbitrary<PathValue> {
  const encoded = (foreign: boolean) => (value: unknown) => ({ text: urlComponent(asText(value)), foreign });
  const choices: Array<fc.WeightedArbitrary<PathValue>> = [
    { weight: 3, arbitrary: schemaArbitrary(schema).map(encoded(false)) },
    { weight: 1, arbitrary: fc.uuid().map(encoded(false)) },
    { weight: 2, arbitrary: garbage.map(encoded(false)) },
    // Not encoded: stray percent signs, dots and slashes as a browser or script might send them.
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%ff%fe', '..', '.', 'a/b', '%2e%2e', ';', '*').map((text) => ({ text, foreign: false })) },
  ];
  const own = known.own[name] ?? [];
  const foreign = known.foreign[name] ?? [];
  if (own.length) choices.push({ weight: 6, arbitrary: fc.constantFrom(...own).map(encoded(false)) });
  if (foreign.length) choices.push({ weight: 2, arbitrary: fc.constantFrom(...foreign).map(encoded(true)) });
  return fc.oneof(...choices);
}

function queryString(parameters: Parameter[], known: KnownValues): fc.Arbitrary<string> {
  const value = (parameter: Parameter) => {
    const choices: Array<fc.WeightedArbitrary<unknown>> = [
      { weight: 4, arbitrary: schemaArbitrary(parameter.schema) },
      { weight: 1, arbitrary: garbage },
    ];
    const own = known.own[parameter.name] ?? [];
    if (own.length) choices.push({ weight: 2, arbitrary: fc.constantFrom(...own) });
    // A repeated key arrives as an array.
    return fc.oneof(...choices, { weight: 1, arbitrary: fc.array(schemaArbitrary(parameter.schema), { minLength: 2, maxLength: 3 }) });
  };
  const pairs = fc.tuple(
    ...parameters.map((parameter) =>
      fc.option(
        value(parameter).map((v) => [parameter.name, v] as const),
        { nil: undefined, freq: 2 },
      ),
    ),
  );
  const extras = fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 10 }), garbage), { maxLength: 2 });
  const raw = fc.constantFrom('', '&&&', '=', '%', 'a=%zz', 'limit=1&limit=2', '__proto__[x]=1', 'constructor=1');
  return fc.tuple(pairs, extras, raw).map(([known, extra, tail]) => {
    const entries = [...known.filter((p) => p !== undefined), ...extra];
    const encoded = entries.flatMap(([key, v]) => (Array.isArray(v) ? v : [v]).map((item) => `${urlComponent(key)}=${urlComponent(asText(item))}`));
    return [...encoded, tail].filter(Boolean).join('&');
  });
}

interface Body {
  headers: Record<string, string>;
  payload?: string;
}

const json = (value: unknown): Body => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(value) ?? 'null' });

const invalidJson = fc.oneof(
  fc.constantFrom('{', '{"a":}', '[1,2', '{"a":1,}', "{'a':1}", 'undefined', 'NaN', '\u0000', '{"__proto__":{"polluted":true}}', '"' + 'x'.repeat(200_000)),
  fc.string(),
);

const wrongContentType = fc.constantFrom(
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/xml',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
  'application/json-patch+json',
  '',
);

function bodyFor(schema: JsonSchema, examples: Record<string, unknown[]>): fc.Arbitrary<Body> {
  return fc.oneof(
    { weight: 4, arbitrary: schemaArbitrary(schema, { examples }).map(json) },
    { weight: 4, arbitrary: schemaArbitrary(schema, { chaos: 0.15, examples }).map(json) },
    { weight: 1, arbitrary: garbage.map(json) },
    { weight: 1, arbitrary: invalidJson.map((payload) => ({ headers: { 'content-type': 'application/json' }, payload })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(wrongContentType, schemaArbitrary(schema))
        .map(([type, value]): Body => ({ headers: type ? { 'content-type': type } : {}, payload: JSON.stringify(value) })),
    },
    { weight: 1, arbitrary: fc.constant({ headers: {} }) },
  );
}

const noBody: fc.Arbitrary<Body> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ headers: {} }) },
  { weight: 1, arbitrary: garbage.map(json) },
  { weight: 1, arbitrary: invalidJson.map((payload) => ({ headers: { 'content-type': 'application/json' }, payload })) },
);

/** Printable header text: Node refuses control characters in headers before anything is sent. */
const headerText = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 300 });

interface Authorization {
  header: string | undefined;
  /** How a counterexample shows it: real keys are named, never printed. */
  label: string;
}

function authorization(credentials: Credentials): fc.Arbitrary<Authorization> {
  const sent = (header: string | undefined) => ({ header, label: header === undefined ? '(none)' : header.slice(0, 60) });
  return fc.oneof(
    { weight: 12, arbitrary: fc.constant({ header: `Bearer ${credentials.dealerKey}`, label: 'Bearer <dealer key>' }) },
    { weight: 1, arbitrary: fc.constant({ header: `Bearer ${credentials.otherDealerKey}`, label: 'Bearer <other dealer key>' }) },
    { weight: 1, arbitrary: fc.constant(sent(undefined)) },
    { weight: 1, arbitrary: headerText.map((text) => sent(`Bearer ${text}`)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        sent('Bearer'),
        sent('Bearer '),
        sent('Basic YWxhZGRpbjpvcGVuc2VzYW1l'),
        sent(`Bearer ${'k'.repeat(10_000)}`),
        { header: `bearer ${credentials.dealerKey} extra`, label: 'bearer <dealer key> extra' },
        { header: `Bearer ${credentials.dealerKey.slice(0, -1)}`, label: 'Bearer <dealer key minus its last character>' },
      ),
    },
  );
}

function describeRequest(authLabel: string, request: FuzzRequest): FuzzRequest {
  const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…(${text.length} chars)` : text);
  const headers = Object.entries(request.headers).map(([k, v]) => `${k}: ${k === 'authorization' ? authLabel : clip(v)}`);
  return Object.assign(request, {
    [fc.toStringMethod]: () =>
      `${request.method} ${clip(request.url)} [${headers.join('; ')}]${request.payload === undefined ? '' : ` ${clip(request.payload)}`}`,
  });
}

/** How a value travels in a path or query string: strings as they are, anything else as JSON. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
}

/**
 * encodeURIComponent, except that an unpaired surrogate (which it refuses) goes out as the three bytes
 * a careless client's encoder would send for it (%ED%A0%80 for \ud800): not UTF-8 at all.
 */
function urlComponent(text: string): string {
  return text
    .split(/([\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff])/)
    .map((part, index) => {
      if (index % 2 === 0) return encodeURIComponent(part);
      const unit = part.charCodeAt(0);
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    })
    .join('');
}

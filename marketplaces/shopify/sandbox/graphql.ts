import type { FieldNode, OperationNode, ValueNode } from './graphql-parse.js';

/**
 * Validates, prices and runs a parsed operation against a small typed schema, the way Shopify's
 * Admin GraphQL does for the fields the sandbox offers: unknown fields and missing selections are
 * refused before anything runs (so a bad mutation changes nothing), connections need `first`, and
 * the answer holds exactly what was selected.
 *
 * [ASSUMED, medium] Query cost, after Shopify's published rules: scalars and enums 0, an object 1,
 * a connection 2 plus `first` times its node's cost, a list `first` (else 1) times its item's cost,
 * a mutation 10 more. The actual cost counts what the answer really holds.
 */

/** Type name → field name → type: `String`, `[Fulfillment]`, `FulfillmentOrderConnection`. */
export type Schema = Record<string, Record<string, string>>;

/** Refuses the whole request: Shopify answers these as `{errors: [{message, extensions: {code}}]}`. */
export class GraphqlError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** Connections and lists of more than this are refused, as Shopify does. */
const MAX_PAGE = 250;
const MUTATION_COST = 10;
const BAD_ARGUMENT = 'argumentLiteralsIncompatible';
const BAD_SELECTION = 'selectionMismatch';

/** A field whose value depends on its arguments (`first`, `id`). */
type Resolver = (args: Record<string, unknown>) => unknown;

interface FieldType {
  element: string;
  list: boolean;
}

function fieldType(schema: Schema, parent: string, field: FieldNode): FieldType {
  if (field.name === '__typename') return { element: 'String', list: false };
  const declared = schema[parent]?.[field.name];
  if (!declared) throw new GraphqlError(`Field '${field.name}' doesn't exist on type '${parent}'`, 'undefinedField');
  const list = declared.startsWith('[');
  return { element: list ? declared.slice(1, -1) : declared, list };
}

const isObject = (schema: Schema, type: string) => type in schema;
const isConnection = (type: string) => type.endsWith('Connection');

function resolveValue(node: ValueNode, variables: Record<string, unknown>): unknown {
  switch (node.kind) {
    case 'variable':
      return variables[node.name] ?? null;
    case 'literal':
      return node.value;
    case 'list':
      return node.items.map((item) => resolveValue(item, variables));
    case 'object':
      return Object.fromEntries(Object.entries(node.fields).map(([key, value]) => [key, resolveValue(value, variables)]));
  }
}

const resolveArgs = (field: FieldNode, variables: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(field.args).map(([key, value]) => [key, resolveValue(value, variables)]));

function pageSize(field: FieldNode, args: Record<string, unknown>, required: boolean): number | undefined {
  const first = args.first;
  if (first === undefined || first === null) {
    if (!required) return undefined;
    throw new GraphqlError(`you must provide one of first or last (field '${field.name}')`, BAD_ARGUMENT);
  }
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
    throw new GraphqlError(`first on field '${field.name}' must be an integer between 0 and ${MAX_PAGE}`, BAD_ARGUMENT);
  }
  return first;
}

export function createGraphqlEngine(schema: Schema) {
  /** Checks the selection against the schema and prices it; throws before anything runs. */
  function plan(fields: FieldNode[], parent: string, variables: Record<string, unknown>, count?: number): number {
    return fields.reduce((total, field) => {
      const type = fieldType(schema, parent, field);
      const object = isObject(schema, type.element);
      if (object && !field.selections) {
        const message = `Field must have selections (field '${field.name}' returns ${type.element} but has no selections)`;
        throw new GraphqlError(message, BAD_SELECTION);
      }
      if (!object && field.selections) {
        const message = `Selections can't be made on scalars (field '${field.name}' returns ${type.element})`;
        throw new GraphqlError(message, BAD_SELECTION);
      }
      if (!object) return total;
      const args = resolveArgs(field, variables);
      const connection = isConnection(type.element);
      const first = pageSize(field, args, connection);
      const children = plan(field.selections!, type.element, variables, connection ? first : undefined);
      if (connection) return total + 2 + children;
      if (type.list) return total + (count ?? first ?? 1) * (1 + children);
      return total + 1 + children;
    }, 0);
  }

  function run(fields: FieldNode[], parent: string, source: Record<string, unknown>, variables: Record<string, unknown>) {
    const result: Record<string, unknown> = {};
    for (const field of fields) {
      const type = fieldType(schema, parent, field);
      const raw = source[field.name];
      const value = typeof raw === 'function' ? (raw as Resolver)(resolveArgs(field, variables)) : raw;
      const select = (item: unknown) =>
        item === null || item === undefined || !field.selections
          ? (item ?? null)
          : run(field.selections, type.element, item as Record<string, unknown>, variables);
      result[field.alias ?? field.name] = Array.isArray(value) ? value.map(select) : select(value);
    }
    return result;
  }

  /** What the answer really holds, priced by the same rules. */
  function actualCost(fields: FieldNode[], parent: string, data: Record<string, unknown>): number {
    return fields.reduce((total, field) => {
      const type = fieldType(schema, parent, field);
      const value = data[field.alias ?? field.name];
      if (!isObject(schema, type.element) || value === null || value === undefined) return total;
      const each = (item: unknown) => actualCost(field.selections!, type.element, item as Record<string, unknown>);
      if (Array.isArray(value)) return total + value.reduce<number>((sum, item) => sum + 1 + each(item), 0);
      return total + (isConnection(type.element) ? 2 : 1) + each(value);
    }, 0);
  }

  function checkVariables(operation: OperationNode, variables: Record<string, unknown>): void {
    for (const definition of operation.variables) {
      if (definition.nonNull && (variables[definition.name] === undefined || variables[definition.name] === null)) {
        throw new GraphqlError(
          `Variable $${definition.name} of type ${definition.type}! was provided invalid value (Expected value to not be null)`,
          'INVALID_VARIABLE',
        );
      }
    }
  }

  const rootType = (operation: OperationNode) => (operation.operation === 'mutation' ? 'Mutation' : 'QueryRoot');
  const base = (operation: OperationNode) => (operation.operation === 'mutation' ? MUTATION_COST : 0);

  return {
    /** Validates the operation and answers its requested cost. */
    price(operation: OperationNode, variables: Record<string, unknown>): number {
      checkVariables(operation, variables);
      return base(operation) + plan(operation.selections, rootType(operation), variables);
    },
    /** Runs a priced operation against the root resolvers; answers the data and its actual cost. */
    execute(operation: OperationNode, variables: Record<string, unknown>, root: Record<string, unknown>) {
      const data = run(operation.selections, rootType(operation), root, variables);
      return { data, actualCost: base(operation) + actualCost(operation.selections, rootType(operation), data) };
    },
  };
}

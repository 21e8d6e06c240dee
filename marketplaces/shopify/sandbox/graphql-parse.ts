/**
 * Parses the GraphQL the Shopify sandbox needs to understand: one query or mutation with variables,
 * aliases, arguments and nested selections. Fragments and directives are refused rather than
 * half-understood; the connector uses neither. No GraphQL library is installed, and this much is
 * enough to answer only what a request selects, which is what catches a connector reading a field
 * it never asked for.
 */

export type ValueNode =
  | { kind: 'variable'; name: string }
  | { kind: 'literal'; value: unknown }
  | { kind: 'list'; items: ValueNode[] }
  | { kind: 'object'; fields: Record<string, ValueNode> };

export interface FieldNode {
  alias?: string;
  name: string;
  args: Record<string, ValueNode>;
  selections?: FieldNode[];
}

export interface VariableDefinition {
  name: string;
  type: string;
  nonNull: boolean;
}

export interface OperationNode {
  operation: 'query' | 'mutation';
  variables: VariableDefinition[];
  selections: FieldNode[];
}

/** A document the sandbox cannot parse; Shopify answers these as top-level errors. */
export class GraphqlSyntaxError extends Error {}

type Token = { kind: 'punct' | 'name' | 'number' | 'string'; text: string };

const TOKEN = /\s+|,|#[^\n]*|(\.\.\.|[{}()[\]:$!=@])|([_A-Za-z][_0-9A-Za-z]*)|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|("(?:[^"\\\n]|\\.)*")/y;

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new GraphqlSyntaxError(`Parse error on "${source.slice(at, at + 10)}" at offset ${at}`);
    const [, punct, name, number, string] = match;
    if (punct) tokens.push({ kind: 'punct', text: punct });
    else if (name) tokens.push({ kind: 'name', text: name });
    else if (number) tokens.push({ kind: 'number', text: number });
    else if (string) tokens.push({ kind: 'string', text: string });
  }
  return tokens;
}

export function parseOperation(source: string): OperationNode {
  const tokens = tokenize(source);
  let position = 0;
  const peek = () => tokens[position];
  const next = () => {
    const token = tokens[position++];
    if (!token) throw new GraphqlSyntaxError('Parse error: unexpected end of document');
    return token;
  };
  const expect = (text: string) => {
    const token = next();
    if (token.text !== text) throw new GraphqlSyntaxError(`Parse error on "${token.text}": expected "${text}"`);
  };
  const name = () => {
    const token = next();
    if (token.kind !== 'name') throw new GraphqlSyntaxError(`Parse error on "${token.text}": expected a name`);
    return token.text;
  };
  const refuse = (what: string) => {
    throw new GraphqlSyntaxError(`The Shopify sandbox does not support ${what}`);
  };

  function typeReference(): { type: string; nonNull: boolean } {
    let type: string;
    if (peek()?.text === '[') {
      next();
      type = `[${typeReference().type}]`;
      expect(']');
    } else {
      type = name();
    }
    const nonNull = peek()?.text === '!';
    if (nonNull) next();
    return { type, nonNull };
  }

  function value(): ValueNode {
    const token = next();
    if (token.text === '$') return { kind: 'variable', name: name() };
    if (token.text === '[') {
      const items: ValueNode[] = [];
      while (peek()?.text !== ']') items.push(value());
      next();
      return { kind: 'list', items };
    }
    if (token.text === '{') {
      const fields: Record<string, ValueNode> = {};
      while (peek()?.text !== '}') {
        const key = name();
        expect(':');
        fields[key] = value();
      }
      next();
      return { kind: 'object', fields };
    }
    if (token.kind === 'number') return { kind: 'literal', value: Number(token.text) };
    if (token.kind === 'string') return { kind: 'literal', value: JSON.parse(token.text) as string };
    if (token.kind === 'name') {
      const literals: Record<string, unknown> = { true: true, false: false, null: null };
      return { kind: 'literal', value: token.text in literals ? literals[token.text] : token.text };
    }
    throw new GraphqlSyntaxError(`Parse error on "${token.text}": expected a value`);
  }

  function selectionSet(): FieldNode[] {
    expect('{');
    const fields: FieldNode[] = [];
    while (peek()?.text !== '}') {
      if (peek()?.text === '...') refuse('fragments');
      let fieldName = name();
      let alias: string | undefined;
      if (peek()?.text === ':') {
        next();
        alias = fieldName;
        fieldName = name();
      }
      const args: Record<string, ValueNode> = {};
      if (peek()?.text === '(') {
        next();
        while (peek()?.text !== ')') {
          const key = name();
          expect(':');
          args[key] = value();
        }
        next();
      }
      if (peek()?.text === '@') refuse('directives');
      const selections = peek()?.text === '{' ? selectionSet() : undefined;
      fields.push({ ...(alias ? { alias } : {}), name: fieldName, args, ...(selections ? { selections } : {}) });
    }
    next();
    return fields;
  }

  let operation: OperationNode['operation'] = 'query';
  const variables: VariableDefinition[] = [];
  if (peek()?.kind === 'name') {
    const keyword = name();
    if (keyword !== 'query' && keyword !== 'mutation') refuse(`${keyword} operations`);
    operation = keyword as OperationNode['operation'];
    if (peek()?.kind === 'name') name();
    if (peek()?.text === '(') {
      next();
      while (peek()?.text !== ')') {
        expect('$');
        const variable = name();
        expect(':');
        variables.push({ name: variable, ...typeReference() });
        if (peek()?.text === '=') refuse('variable defaults');
      }
      next();
    }
  }
  const selections = selectionSet();
  if (position < tokens.length) refuse('more than one operation per document');
  return { operation, variables, selections };
}

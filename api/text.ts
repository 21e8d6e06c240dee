import type { FastifyRequest } from 'fastify';
import { DomainError, type FieldError } from '../domain/errors.js';
import { fieldInWords } from './errors.js';

/** An unpaired UTF-16 surrogate: JSON's "\ud800" escape makes one, and it is not text in any encoding. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function problemWith(text: string): string | null {
  // Postgres cannot store NUL in text or jsonb: left in, it becomes a 500 at the first write.
  if (text.includes('\u0000')) return 'must not contain a NUL character (\\u0000)';
  // Left in, it is stored as "�": the dealer's data silently changed.
  if (LONE_SURROGATE.test(text)) return 'must not contain an unpaired UTF-16 surrogate (such as \\ud800): it is not text';
  return null;
}

/** A field name readable in a message, even when the name itself is the bad text. */
const printable = (name: string) =>
  name.replace(new RegExp(LONE_SURROGATE.source, 'g'), (char) => `\\u${char.charCodeAt(0).toString(16)}`).replaceAll('\u0000', '\\u0000');

/** Every string (and object key) under `root` that is not storable text, with its dotted path. */
function badText(root: unknown, path: string): FieldError[] {
  const found: FieldError[] = [];
  // A stack, not recursion: a deeply nested body must not overflow the call stack.
  const pending: Array<[unknown, string]> = [[root, path]];
  while (pending.length > 0) {
    const [value, at] = pending.pop()!;
    if (typeof value === 'string') {
      const problem = problemWith(value);
      if (problem) found.push({ field: at, message: `${at} ${problem}` });
    } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
      const children: Array<[unknown, string]> = [];
      for (const [key, item] of Object.entries(value)) {
        const field = `${at}.${printable(key)}`;
        const problem = problemWith(key);
        if (problem) found.push({ field, message: `The name ${field} ${problem}` });
        children.push([item, field]);
      }
      // Reversed onto the stack, so fields are reported in the order the request has them.
      for (let index = children.length - 1; index >= 0; index--) pending.push(children[index]!);
    }
  }
  return found;
}

/**
 * A body some route reads raw (a signed webhook keeps its exact bytes for the signature check) is read
 * here as JSON without being changed; one that is not JSON is the route's to refuse.
 */
function parsedBody(body: unknown): unknown {
  if (!Buffer.isBuffer(body)) return body;
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Refuses, before any route runs, a request carrying text that cannot be stored as sent: a NUL or an
 * unpaired surrogate in a path or query parameter, a header (the acting user is stored in the audit
 * trail) or anywhere in the JSON body. One 400 naming every such field.
 */
export async function refuseBadText(request: FastifyRequest): Promise<void> {
  const fields = [
    ...badText(request.params, 'params'),
    ...badText(request.query, 'querystring'),
    ...badText(request.headers, 'headers'),
    ...badText(parsedBody(request.body), 'body'),
  ];
  if (fields.length > 0) {
    const named = [...new Set(fields.map((f) => fieldInWords(f.field.split('.').slice(1))))];
    const list = named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`;
    const message = `${list} ${named.length === 1 ? 'holds' : 'hold'} characters that are not text.`;
    throw new DomainError('BAD_REQUEST', message.charAt(0).toUpperCase() + message.slice(1), { fields });
  }
}

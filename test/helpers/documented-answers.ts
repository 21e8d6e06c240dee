import { z } from 'zod';

interface Document {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: object }> }> }>>;
  components?: { schemas?: Record<string, object> };
}

/** The router's own 404 for a method or path no route has: not an answer of the operation the request was derived from. */
const NO_ROUTE = /^\{"error":\{"code":"NOT_FOUND","message":"No route /;

/**
 * Whether the request reached the operation: its method, and a path the template matches. A blank path
 * parameter (`/v1/orders/`) or a wrong method is answered by another route or by none.
 */
function reaches(operation: string, method: string, url: string): boolean {
  const [operationMethod, template] = operation.split(' ') as [string, string];
  const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`);
  return operationMethod === method.toUpperCase() && pattern.test(url.split('?')[0]!);
}

/**
 * Checks an answer against what the OpenAPI document says the operation answers: a status it lists,
 * and a body its schema for that status accepts. Null when it does; otherwise what is wrong.
 */
export function documentedAnswers(
  document: object,
): (request: { operation: string; method: string; url: string }, status: number, body: string) => string | null {
  // zod reads local references under definitions: the document's components are moved there.
  const moved = JSON.parse(JSON.stringify(document).replaceAll('#/components/schemas/', '#/definitions/')) as Document;
  const validators = new Map<string, z.ZodType | null>();
  const validator = (operation: string, status: number) => {
    const key = `${operation} ${status}`;
    if (!validators.has(key)) {
      const [method, path] = operation.split(' ') as [string, string];
      const answer = moved.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)];
      const schema = answer?.content?.['application/json']?.schema;
      const definitions = moved.components?.schemas ?? {};
      validators.set(
        key,
        answer === undefined ? null : z.fromJSONSchema({ ...(schema ?? { not: {} }), definitions } as never, { defaultTarget: 'openapi-3.0' }),
      );
    }
    return validators.get(key)!;
  };
  return ({ operation, method, url }, status, body) => {
    if (!reaches(operation, method, url) || (status === 404 && NO_ROUTE.test(body))) return null;
    const check = validator(operation, status);
    if (!check) return `an answer ${status} the document does not list for ${operation}`;
    if (body === '') return status === 204 ? null : `an empty ${status} body where the document describes one`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return `a ${status} body that is not JSON`;
    }
    const result = check.safeParse(parsed);
    return result.success ? null : `a ${status} body that does not match the document: ${z.prettifyError(result.error).slice(0, 600)}`;
  };
}

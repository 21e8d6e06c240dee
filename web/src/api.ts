import type { components } from './api-types';

/** The UI's only way to the server: the /v1 API with the dealer's key, errors as ApiError. */

/** The error envelope every refusal comes in. */
type Refusal = components['schemas']['Error'];
export type FieldProblem = NonNullable<NonNullable<Refusal['error']['details']>['fields']>[number];

/** A refused request, carrying the API's error envelope: field problems and the workflow's problems. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldProblem[],
    readonly problems: string[],
  ) {
    super(message);
  }
}

const KEY = 'dropline.apiKey';
const USER = 'dropline.actingUser';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  user: () => sessionStorage.getItem(USER),
  signIn(key: string, user: string) {
    sessionStorage.setItem(KEY, key);
    if (user) sessionStorage.setItem(USER, user);
    else sessionStorage.removeItem(USER);
  },
  signOut() {
    sessionStorage.removeItem(KEY);
    sessionStorage.removeItem(USER);
  },
};

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Calls the API; `key` overrides the signed-in key (used by sign-in to try one out). */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown, key = session.key()): Promise<T> {
  const headers = credentials(key);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/v1${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) throw toApiError(response.status, payload);
  return payload as T;
}

/** Who is asking, as every request says it. */
function credentials(key = session.key()): Record<string, string> {
  const headers: Record<string, string> = { authorization: `Bearer ${key ?? ''}` };
  const user = session.user();
  if (user) headers['x-acting-user'] = user;
  return headers;
}

/**
 * Opens a streaming GET (server-sent events) with the same credentials as every other request, which
 * EventSource could not send; the caller reads the body. A refusal is thrown as ApiError.
 */
export async function openStream(path: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const response = await fetch(`/v1${path}`, { headers: { ...credentials(), accept: 'text/event-stream' }, signal });
  if (!response.ok || !response.body) throw toApiError(response.status, await response.json().catch(() => null));
  return response.body;
}

function toApiError(status: number, payload: unknown): ApiError {
  // Whatever answered may not be the API (a proxy's error page): every field is read as possibly missing.
  const error = (payload as Partial<Refusal> | null)?.error as Partial<Refusal['error']> | undefined;
  return new ApiError(
    status,
    error?.code ?? 'UNKNOWN',
    error?.message ?? `The server answered ${status}`,
    error?.details?.fields ?? [],
    error?.details?.problems ?? [],
  );
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

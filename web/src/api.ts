import type { components } from './api-types';

/** The UI's only way to the server: the /v1 API with the signed-in session, errors as ApiError. */

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

/**
 * The browser's session lives in an HttpOnly cookie the page never sees; what the page keeps (in memory
 * only) is the CSRF token GET /v1/session answers, which every write must echo.
 */
let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

/** Called when the API answers 401 (the session ended): the app shows the sign-in page. */
let onSignedOut: () => void = () => {};
export const whenSignedOut = (handler: () => void) => {
  onSignedOut = handler;
};

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** Calls the API with the session cookie (same origin), and the CSRF token on writes. */
export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/v1${path}`, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  if (response.status === 204) return undefined as T;
  const payload = (await response.json().catch(() => null)) as unknown;
  // A signed-in page whose session ended (signed out elsewhere, expired) goes back to sign-in.
  if (response.status === 401 && csrfToken && path !== '/session') onSignedOut();
  if (!response.ok) throw toApiError(response.status, payload);
  return payload as T;
}

/**
 * Opens a streaming GET (server-sent events) with the session cookie, as every other request; the caller
 * reads the body (with fetch, so a refusal arrives as the API's error envelope). A refusal is thrown as ApiError.
 */
export async function openStream(path: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const response = await fetch(`/v1${path}`, { headers: { accept: 'text/event-stream' }, credentials: 'same-origin', signal });
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

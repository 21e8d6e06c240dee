/**
 * The request of one JSON API call, shared by the clients in distributors/ and marketplaces/:
 * `credential` is the header that carries it; a body, when there is one, goes as JSON.
 */
export function jsonRequest(method: string, credential: Record<string, string>, body: unknown): RequestInit {
  return {
    method,
    headers: { ...credential, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}

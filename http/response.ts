/**
 * Reading what an external HTTP API answered, shared by the adapters in distributors/ and
 * marketplaces/. Pure: no I/O, no Temporal.
 */

/**
 * Retry-After is either delay-seconds or an HTTP date; answers milliseconds from `now`. Seconds may
 * carry a fraction (Shopify sends "2.0"), and Date.parse would take "1.5" for a day in 2001.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value.trim()) * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** What went wrong when fetch got no answer at all: the socket error code when there is one. */
export function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : 'unknown network error';
}

/** The body as JSON, or undefined when it is empty or not JSON. */
export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** At most 300 characters of what an API said, for an error message. */
export const excerpt = (message: string) => (message.length > 300 ? `${message.slice(0, 300)}…` : message);

import { ChannelError } from '../types.js';

/**
 * One HTTP exchange with eBay, with every way of not getting an answer (timeout, refused or reset
 * connection) turned into a transient ChannelError. Callers judge the status.
 */

export interface Exchange {
  response: Response;
  text: string;
}

export async function exchange(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  action: string,
): Promise<Exchange> {
  try {
    const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { response, text: await response.text() };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new ChannelError('transient', `eBay did not answer within ${timeoutMs} ms when asked to ${action}`);
    }
    throw new ChannelError('transient', `Could not reach eBay to ${action}: ${describeNetworkError(error)}`);
  }
}

export function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Retry-After is either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

export const excerpt = (message: string) => (message.length > 300 ? `${message.slice(0, 300)}…` : message);

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.message : 'unknown network error';
}

import { describeNetworkError } from '../http/response.js';
import { ChannelError } from './types.js';

/**
 * One HTTP exchange with a sales channel, with every way of not getting an answer (timeout, refused
 * or reset connection) turned into a transient ChannelError. Callers judge the status.
 */

export interface ChannelTransport {
  fetch: typeof fetch;
  now: () => Date;
  /** Per request. */
  timeoutMs: number;
}

/** The real fetch and clock and a 15-second timeout per request, unless the caller (a test) gives others. */
export function channelTransport(options: {
  fetch?: typeof fetch | undefined;
  now?: (() => Date) | undefined;
  timeoutMs?: number | undefined;
}): ChannelTransport {
  return { fetch: options.fetch ?? fetch, now: options.now ?? (() => new Date()), timeoutMs: options.timeoutMs ?? 15_000 };
}

export interface Exchange {
  response: Response;
  text: string;
}

/** `channel` names the channel in messages ("eBay"); `action` completes "… when asked to <action>". */
export async function exchange(transport: ChannelTransport, channel: string, url: string, init: RequestInit, action: string): Promise<Exchange> {
  try {
    const response = await transport.fetch(url, { ...init, signal: AbortSignal.timeout(transport.timeoutMs) });
    return { response, text: await response.text() };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new ChannelError('transient', `${channel} did not answer within ${transport.timeoutMs} ms when asked to ${action}`);
    }
    throw new ChannelError('transient', `Could not reach ${channel} to ${action}: ${describeNetworkError(error)}`);
  }
}

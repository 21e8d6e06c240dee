import { describeNetworkError } from '../../http/response.js';
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

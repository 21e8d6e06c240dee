import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { ChangeFeed, LiveMessage } from '../live-changes.js';
import { errorEnvelope, errorResponses } from '../schemas/common.js';

export interface LiveStreamSettings {
  /** Comment lines this often, so proxies and load balancers keep an idle stream open. */
  heartbeatMs: number;
  /** Open streams one key (a signed-in tab each) may hold, and one dealer in all, per API process. */
  perKey: number;
  perDealer: number;
}

export const LIVE_STREAMS: LiveStreamSettings = { heartbeatMs: 20_000, perKey: 20, perDealer: 200 };

/** How long a browser waits before reconnecting a dropped stream (the SSE `retry:` field). */
const RETRY_MS = 3000;

/** Documented as text/event-stream by api/openapi.ts, which moves a schema with this media type under its content. */
export const eventStream = z.string().meta({
  mediaType: 'text/event-stream',
  description: [
    'Server-sent events, each `event:` then one JSON `data:` line:',
    '`ready` once the stream listens (refetch what you show if this is a reconnect);',
    '`change` with {kind: order|dropship|purchase_order|exception, id, orderId?, poNumber?} when one of them changes;',
    '`resync` when changes may have been missed (refetch what you show).',
    'Comment lines every 20 s keep it open.',
  ].join(' '),
});

/**
 * GET /v1/events: the signed-in dealer's changes as they happen, so pages refresh when something they
 * show changes instead of polling. Only the dealer of the request's key is ever sent anything.
 */
export function eventRoutes(feed: ChangeFeed, settings: LiveStreamSettings): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/events',
      {
        schema: {
          tags: ['events'],
          summary: "The dealer's order, drop-ship, PO and inbox changes, as server-sent events",
          response: {
            200: eventStream,
            ...errorResponses(400, 401),
            429: errorEnvelope.describe('Too many requests, or too many open streams, with this API key'),
            503: errorEnvelope.describe('Change notifications are not available right now; try again shortly'),
          },
        },
      },
      async (request, reply) => {
        const raw = reply.raw;
        const write = (text: string) => {
          if (!raw.writableEnded) raw.write(text);
        };
        const send = (message: LiveMessage) => write(message.type === 'change' ? frame('change', message.change) : frame('resync', {}));
        const subscriber = { dealerId: request.dealerId, holder: `${request.dealerId}:${request.apiKeyId}`, send, end: () => raw.end() };
        let unsubscribe: (() => void) | null;
        try {
          unsubscribe = await feed.subscribe(subscriber, { perHolder: settings.perKey, perDealer: settings.perDealer });
        } catch (error) {
          request.log.error({ err: error }, 'could not listen for changes');
          throw new DomainError('UNAVAILABLE', 'Live updates are not available right now; try again shortly');
        }
        if (!unsubscribe) {
          throw new DomainError('RATE_LIMITED', `Too many live update streams are open (at most ${settings.perKey} per key); close a tab and try again`);
        }
        reply.hijack();
        // The client may have gone while LISTEN was being set up.
        if (request.raw.socket.destroyed) {
          unsubscribe();
          return;
        }
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          // A stream's connection is not reused afterwards, so ending it at shutdown frees the socket at once.
          connection: 'close',
          // nginx and the like would otherwise buffer the stream.
          'x-accel-buffering': 'no',
        });
        write(`retry: ${RETRY_MS}\n`);
        write(frame('ready', {}));
        const heartbeat = setInterval(() => write(': heartbeat\n\n'), settings.heartbeatMs);
        raw.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
        });
      },
    );
  };
}

const frame = (event: string, data: object) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

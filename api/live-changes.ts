import type { FastifyBaseLogger } from 'fastify';
import type { Sql } from 'postgres';

/** The channel db/migrations/0017_live_changes.sql's triggers notify on. */
export const CHANGES_CHANNEL = 'dropline_changes';

/** What changed, as the triggers announce it: ids only, never PII or credentials. */
export interface Change {
  kind: 'order' | 'dropship' | 'purchase_order' | 'exception';
  id: string;
  orderId?: string;
  poNumber?: string;
}

/**
 * What a subscriber is told: a change of its dealer's, or `resync` when changes may have been missed
 * (the LISTEN connection was lost and is back), so it must refetch what it shows.
 */
export type LiveMessage = { type: 'change'; change: Change } | { type: 'resync' };

export interface Subscriber {
  dealerId: string;
  /** Who holds the stream (dealer and key), for the cap on open streams. */
  holder: string;
  send(message: LiveMessage): void;
  /** Ends the stream (server shutdown). */
  end(): void;
}

/**
 * One LISTEN connection per API process, fanning each dealer's changes out to that dealer's open
 * streams in memory. Changes are written by the worker and by every API process, so they can only
 * come from Postgres. Listens from the first subscriber on, so a process nobody watches holds no
 * connection; the `postgres` driver re-listens after a lost connection, and every subscriber is then
 * told to resync, since what was notified in the gap is gone.
 */
export function createChangeFeed(sql: () => Sql, log: FastifyBaseLogger) {
  const byDealer = new Map<string, Set<Subscriber>>();
  let listening: Promise<{ unlisten: () => Promise<void> }> | null = null;
  let listens = 0;
  let closed = false;

  function deliver(payload: string) {
    if (closed) return;
    let parsed: Change & { dealerId?: unknown };
    try {
      parsed = JSON.parse(payload) as Change & { dealerId?: unknown };
    } catch {
      log.warn({ payload: payload.slice(0, 200) }, 'an unreadable change notification');
      return;
    }
    const { dealerId, ...change } = parsed;
    if (typeof dealerId !== 'string') return;
    for (const subscriber of byDealer.get(dealerId) ?? []) subscriber.send({ type: 'change', change });
  }

  function listen() {
    listening ??= sql()
      .listen(CHANGES_CHANNEL, deliver, () => {
        // Called once per (re)established LISTEN: after the first, notifications may have been missed.
        if (listens++ === 0 || closed) return;
        log.info({ subscribers: openStreams() }, 'change feed listening again; telling every stream to resync');
        for (const subscribers of byDealer.values()) for (const subscriber of subscribers) subscriber.send({ type: 'resync' });
      })
      .catch((error: unknown) => {
        listening = null;
        throw error;
      });
    return listening;
  }

  const openStreams = () => [...byDealer.values()].reduce((sum, set) => sum + set.size, 0);

  return {
    /**
     * Adds the subscriber once LISTEN is in place (so nothing after this returns is missed) and returns
     * its unsubscribe; null when its holder or its dealer already has as many streams as the caps allow.
     */
    async subscribe(subscriber: Subscriber, caps: { perHolder: number; perDealer: number }): Promise<(() => void) | null> {
      if (closed) throw new Error('the change feed is closed');
      await listen();
      // Counted after the wait, with nothing awaited before adding: concurrent requests cannot all slip under the cap.
      const set = byDealer.get(subscriber.dealerId) ?? new Set();
      const holders = [...set].filter((other) => other.holder === subscriber.holder).length;
      if (holders >= caps.perHolder || set.size >= caps.perDealer) return null;
      byDealer.set(subscriber.dealerId, set.add(subscriber));
      return () => {
        set.delete(subscriber);
        if (set.size === 0 && byDealer.get(subscriber.dealerId) === set) byDealer.delete(subscriber.dealerId);
      };
    },
    openStreams,
    /** Ends every stream and stops listening: before the server closes, which would otherwise wait for the streams. */
    async close() {
      // After a reconnect the driver's unlisten no longer finds this listener (it re-registers a copy), so it is also muted.
      closed = true;
      for (const subscribers of byDealer.values()) for (const subscriber of subscribers) subscriber.end();
      byDealer.clear();
      const current = listening;
      listening = null;
      // Bounded: with Postgres gone, the driver would keep trying to send UNLISTEN and hold up the shutdown.
      const unlistened = current?.then(({ unlisten }) => unlisten()).catch(() => {});
      await Promise.race([unlistened, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    },
  };
}

export type ChangeFeed = ReturnType<typeof createChangeFeed>;

import { useEffect, useState } from 'react';
import { openStream } from './api';

/** What changed, as GET /v1/events says it: ids only. */
export interface Change {
  kind: 'order' | 'dropship' | 'purchase_order' | 'exception';
  id: string;
  orderId?: string;
  poNumber?: string;
}

/** A change, or `resync`: changes may have been missed (the stream was down), so refetch what is shown. */
export type LiveEvent = { type: 'change'; change: Change } | { type: 'resync' };

/** `live` while the stream is open; otherwise pages fall back to a slow poll. */
export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

const SILENCE_MS = 45_000;

const listeners = new Set<(event: LiveEvent) => void>();
const statusListeners = new Set<(status: LiveStatus) => void>();
let status: LiveStatus = 'connecting';
let connection: AbortController | null = null;
let closing: ReturnType<typeof setTimeout> | undefined;
/** Whether the tab has been live before: a later `ready` means changes may have been missed meanwhile. */
let wasLive = false;

function setStatus(next: LiveStatus) {
  status = next;
  statusListeners.forEach((listener) => listener(next));
}

const emit = (event: LiveEvent) => listeners.forEach((listener) => listener(event));

/**
 * The tab's one GET /v1/events stream, read with fetch (so it carries the same credentials as every
 * request) and reopened after it drops: the server's `retry:` hint first, then longer while it keeps failing.
 */
async function run(tab: AbortController) {
  let retryMs = 3000;
  let failures = 0;
  while (!tab.signal.aborted) {
    // A connection that died without closing sends nothing, not even the 20 s heartbeat: given up after 45 s of silence.
    const attempt = new AbortController();
    const stop = () => attempt.abort();
    tab.signal.addEventListener('abort', stop);
    let silence = setTimeout(stop, SILENCE_MS);
    try {
      const body = await openStream('/events', attempt.signal);
      await readEvents(body, {
        heard: () => {
          clearTimeout(silence);
          silence = setTimeout(stop, SILENCE_MS);
        },
        retry: (ms) => (retryMs = ms),
        ready: () => {
          failures = 0;
          setStatus('live');
          if (wasLive) emit({ type: 'resync' });
          wasLive = true;
        },
        event: emit,
      });
    } catch {
      // Refused, dropped or gone silent: reconnect below.
    } finally {
      clearTimeout(silence);
      tab.signal.removeEventListener('abort', stop);
    }
    if (tab.signal.aborted) return;
    setStatus('reconnecting');
    failures++;
    await new Promise((resolve) => setTimeout(resolve, Math.min(retryMs * 2 ** Math.max(0, failures - 1), 60_000)));
  }
}

/** Reads server-sent events until the stream ends; `heard` on every chunk, heartbeats included. */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  on: { heard: () => void; retry: (ms: number) => void; ready: () => void; event: (event: LiveEvent) => void },
) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    on.heard();
    buffer += decoder.decode(value, { stream: true });
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const field = (name: string) => new RegExp(`^${name}: ?(.*)$`, 'm').exec(block)?.[1];
      const retry = Number(field('retry'));
      if (retry > 0) on.retry(retry);
      const name = field('event');
      if (name === 'ready') on.ready();
      else if (name === 'resync') on.event({ type: 'resync' });
      else if (name === 'change') on.event({ type: 'change', change: JSON.parse(field('data') ?? '{}') as Change });
    }
  }
}

/** Opens the stream with the first listener; closes it a moment after the last one goes (a page change re-subscribes at once). */
function hold(): () => void {
  clearTimeout(closing);
  if (!connection) {
    connection = new AbortController();
    setStatus('connecting');
    void run(connection);
  }
  return () => {
    closing = setTimeout(() => {
      if (listeners.size || statusListeners.size) return;
      connection?.abort();
      connection = null;
      wasLive = false;
    }, 1000);
  };
}

/** Calls `onEvent` for each live event while the component is mounted. */
export function useLiveEvents(onEvent: (event: LiveEvent) => void) {
  useEffect(() => {
    listeners.add(onEvent);
    const release = hold();
    return () => {
      listeners.delete(onEvent);
      release();
    };
  }, [onEvent]);
}

/** Whether the tab's stream is open. */
export function useLiveStatus(): LiveStatus {
  const [current, setCurrent] = useState(status);
  useEffect(() => {
    statusListeners.add(setCurrent);
    setCurrent(status);
    const release = hold();
    return () => {
      statusListeners.delete(setCurrent);
      release();
    };
  }, []);
  return current;
}

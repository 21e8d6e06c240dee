import { describe, expect, it } from 'vitest';
import { readEvents, type LiveEvent } from './live';

/** A body arriving in the given chunks, as fetch hands it over. */
const body = (...chunks: string[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });

describe('reading GET /v1/events', () => {
  it('reads events split across chunks, the retry hint, ready, changes and resync, and hears heartbeats', async () => {
    const seen: Array<LiveEvent | 'ready' | number> = [];
    let heard = 0;
    await readEvents(
      body(
        'retry: 3000\nevent: re',
        'ady\ndata: {}\n\nevent: change\ndata: {"kind":"purchase_order","id":"p1","orderId":"o1","poNumber":"DL1-W"}',
        '\n\n: heartbeat\n\n',
        'event: resync\ndata: {}\n\n',
      ),
      { heard: () => heard++, retry: (ms) => seen.push(ms), ready: () => seen.push('ready'), event: (event) => seen.push(event) },
    );
    expect(seen).toEqual([
      3000,
      'ready',
      { type: 'change', change: { kind: 'purchase_order', id: 'p1', orderId: 'o1', poNumber: 'DL1-W' } },
      { type: 'resync' },
    ]);
    expect(heard).toBe(4);
  });
});

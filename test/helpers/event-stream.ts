import { get, type IncomingMessage } from 'node:http';

/** One server-sent event as GET /v1/events sends it. */
export interface StreamEvent {
  event: string;
  data: Record<string, unknown>;
}

/**
 * Reads GET /v1/events over real HTTP (Fastify inject waits for a body that never ends): every event
 * received so far, a wait for the next one that matches, and an abort.
 */
export async function openEventStream(base: string, apiKey: string) {
  // node:http on a connection of its own (not fetch's pool), so a closed stream leaves no idle socket behind.
  const response = await new Promise<IncomingMessage>((resolve, reject) =>
    get(`${base}/v1/events`, { agent: false, headers: { authorization: `Bearer ${apiKey}` } }, resolve).on('error', reject),
  );
  const events: StreamEvent[] = [];
  let raw = '';
  let ended = false;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((waiter) => waiter());

  let buffer = '';
  response.setEncoding('utf8');
  response.on('data', (text: string) => {
    raw += text;
    buffer += text;
    let boundary: number;
    while ((boundary = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, boundary);
      buffer = buffer.slice(boundary + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && response.statusCode === 200) events.push({ event, data: data ? (JSON.parse(data) as Record<string, unknown>) : {} });
    }
    wake();
  });
  const finished = new Promise<void>((resolve) =>
    response.on('close', () => {
      ended = true;
      wake();
      resolve();
    }),
  );

  /** Resolves once the stream ends, or fails after `timeoutMs`. */
  function until<T>(check: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const waiter = () => {
        const found = check();
        if (found === undefined) return;
        done();
        resolve(found);
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; received: ${JSON.stringify(events)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(waiter);
      };
      waiters.add(waiter);
      waiter();
    });
  }

  return {
    status: response.statusCode,
    contentType: response.headers['content-type'],
    /** A refusal's body, once it has arrived. */
    json: async () => {
      await finished;
      return JSON.parse(raw) as { error: { code: string; message: string } };
    },
    events,
    /** Everything received, comments and fields as sent. */
    raw: () => raw,
    /** The first event received (now or later) that matches. */
    next: (match: (event: StreamEvent) => boolean, what: string, timeoutMs = 30_000) => until(() => events.find(match), what, timeoutMs),
    /** Resolves when the server ends the stream. */
    ended: (timeoutMs = 10_000) => until(() => (ended ? true : undefined), 'the stream to end', timeoutMs),
    async close() {
      response.destroy();
      await finished;
    },
  };
}

export type EventStream = Awaited<ReturnType<typeof openEventStream>>;

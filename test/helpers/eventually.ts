/**
 * Polls `probe` until it returns a value other than undefined/null/false, or fails after `timeoutMs`
 * with the last value seen. For waiting on asynchronous outcomes (a workflow reaching a state).
 */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, what: string | (() => string), timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}; last: ${String(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

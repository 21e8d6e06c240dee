/**
 * Keeps one OAuth access token per account and replaces it shortly before it expires. Concurrent
 * callers share a single grant request, so a burst of pushes costs one token, not one each.
 */

export interface IssuedToken {
  token: string;
  expiresInSeconds: number;
}

/** A token this close to its expiry is replaced first, so it cannot lapse between send and check. */
const EXPIRY_MARGIN_MS = 60_000;

export function createTokenCache(issue: () => Promise<IssuedToken>, now: () => Date) {
  let cached: { token: string; expiresAt: number } | null = null;
  let pending: Promise<string> | null = null;
  const nearExpiry = (expiresAt: number) => now().getTime() >= expiresAt - EXPIRY_MARGIN_MS;

  async function refresh(): Promise<string> {
    const { token, expiresInSeconds } = await issue();
    cached = { token, expiresAt: now().getTime() + expiresInSeconds * 1000 };
    return token;
  }

  return {
    current(): Promise<string> {
      if (cached && !nearExpiry(cached.expiresAt)) return Promise.resolve(cached.token);
      pending ??= refresh().finally(() => {
        pending = null;
      });
      return pending;
    },
    /** Forgets a token the channel refused, so the next call asks for another. */
    discard(token: string): void {
      if (cached?.token === token) cached = null;
    },
  };
}

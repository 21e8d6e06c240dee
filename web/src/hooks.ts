import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api';
import { useLiveEvents, useLiveStatus, type Change, type LiveEvent } from './live';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  reload: () => Promise<void>;
}

/** While the live stream is down, pages that follow changes poll this slowly instead. */
const FALLBACK_POLL_MS = 60_000;
/** Changes come in bursts (a PO, its packages, its order): one reload for the lot. */
const COALESCE_MS = 150;

/**
 * GETs `path`; with `follows`, again whenever a live change it matches arrives (or after a resync),
 * which is how a page shows a PO moving to shipped without a reload or polling. A null path loads nothing.
 */
export function useApi<T>(path: string | null, follows?: (change: Change) => boolean): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current = useRef(path);
  current.current = path;
  const matches = useRef(follows);
  matches.current = follows;
  const following = follows !== undefined;

  const reload = useCallback(async () => {
    if (!path) return;
    try {
      const result = await api<T>('GET', path);
      if (current.current === path) {
        setData(result);
        setError(null);
      }
    } catch (caught) {
      if (current.current === path) setError(caught);
    }
  }, [path]);

  useEffect(() => {
    setData(null);
    void reload();
  }, [reload]);

  const pending = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  const onEvent = useCallback(
    (event: LiveEvent) => {
      if (!matches.current || (event.type === 'change' && !matches.current(event.change))) return;
      clearTimeout(pending.current);
      pending.current = setTimeout(() => void reload(), COALESCE_MS);
    },
    [reload],
  );
  useLiveEvents(onEvent);

  const status = useLiveStatus();
  useEffect(() => {
    if (!following || status === 'live') return;
    const timer = setInterval(() => void reload(), FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [following, status, reload]);

  return { data, error, reload };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  reload: () => Promise<void>;
}

/**
 * GETs `path` and, with `pollMs`, again on that interval while the page is open: how the UI shows a
 * PO moving to shipped without a reload. A null path loads nothing.
 */
export function useApi<T>(path: string | null, pollMs?: number): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const current = useRef(path);
  current.current = path;

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
    if (!pollMs) return;
    const timer = setInterval(() => void reload(), pollMs);
    return () => clearInterval(timer);
  }, [reload, pollMs]);

  return { data, error, reload };
}

import { useEffect, useState } from 'react';
import { api } from './api';
import type { Answer, Distributor } from './types';

let loading: Promise<Distributor[]> | null = null;

/** The distributors as GET /v1/distributors lists them, fetched once per page load (they change only with a release). */
export function loadDistributors(): Promise<Distributor[]> {
  loading ??= api<Answer<'/v1/distributors', 'get'>>('GET', '/distributors').then(
    (answer) => answer.distributors,
    (error: unknown) => {
      // Not kept: signing in again must be able to load them.
      loading = null;
      throw error;
    },
  );
  return loading;
}

export interface Distributors {
  list: Distributor[];
  /** The distributor's name, or its id until the list has loaded. */
  name: (id: string) => string;
}

export function describeDistributors(list: Distributor[]): Distributors {
  return { list, name: (id) => list.find((d) => d.id === id)?.name ?? id };
}

/** The distributors for a component: empty until loaded. */
export function useDistributors(): Distributors {
  const [list, setList] = useState<Distributor[]>([]);
  useEffect(() => {
    let live = true;
    loadDistributors().then(
      (loaded) => live && setList(loaded),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return describeDistributors(list);
}

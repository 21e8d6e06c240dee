import { Fragment, type ReactNode } from 'react';
import { showTimesIn } from '../format';
import { useApi } from '../hooks';
import type { DealerSettings } from '../types';
import { Loading } from './ui';

/**
 * Shows its pages once the dealer's time zone is known, so every time on them is in that zone (the
 * browser's when the settings cannot be read). Pages are drawn again when the zone changes.
 */
export function InDealerTimeZone({ children }: { children: ReactNode }) {
  const settings = useApi<DealerSettings>('/settings', 60_000);
  const zone = settings.data?.timeZone;
  if (!settings.data && !settings.error) return <Loading what="your settings" />;
  showTimesIn(zone);
  return <Fragment key={zone ?? 'browser'}>{children}</Fragment>;
}

import { Fragment, useEffect, type ReactNode } from 'react';
import { showTimesIn } from '../format';
import { useApi } from '../hooks';
import { SETTINGS_SAVED } from '../settings/use-settings';
import type { DealerSettings } from '../types';
import { Loading } from './ui';

/**
 * Shows its pages once the dealer's time zone is known, so every time on them is in that zone (the
 * browser's when the settings cannot be read). Pages are drawn again when a save changes the zone.
 */
export function InDealerTimeZone({ children }: { children: ReactNode }) {
  const settings = useApi<DealerSettings>('/settings');
  const { reload } = settings;
  useEffect(() => {
    const reread = () => void reload();
    window.addEventListener(SETTINGS_SAVED, reread);
    return () => window.removeEventListener(SETTINGS_SAVED, reread);
  }, [reload]);
  const zone = settings.data?.timeZone;
  if (!settings.data && !settings.error) return <Loading what="your settings" />;
  showTimesIn(zone);
  return <Fragment key={zone ?? 'browser'}>{children}</Fragment>;
}

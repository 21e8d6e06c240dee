import { useState } from 'react';
import { api, ApiError, errorText } from '../api';
import { useApi } from '../hooks';
import type { DealerSettings } from '../types';

/** Dispatched on window after a save, so what depends on settings outside the form (the time zone) reads them again. */
export const SETTINGS_SAVED = 'dropline:settings-saved';

/** The dealer's settings, and a PATCH that reports its problems per field (`dropshipCutoff` → message). */
export function useSettings() {
  const settings = useApi<DealerSettings>('/settings');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<string>();

  const save = async (changes: Partial<DealerSettings>, what: string) => {
    setSaved(undefined);
    try {
      await api('PATCH', '/settings', changes);
      setErrors({});
      setSaved(`${what} saved`);
      await settings.reload();
      window.dispatchEvent(new Event(SETTINGS_SAVED));
      return true;
    } catch (error) {
      const fields = error instanceof ApiError ? error.fields : [];
      setErrors(fields.length ? Object.fromEntries(fields.map((f) => [f.field.replace(/^body\./, ''), f.message])) : { form: errorText(error) });
      return false;
    }
  };
  return { settings, errors, saved, save };
}

export type SettingsState = ReturnType<typeof useSettings>;

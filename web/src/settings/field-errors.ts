import { ApiError, errorText } from '../api';

/**
 * A refusal as messages per field, for showing each next to its input: the API's field paths lose
 * `prefix` (`body.`, `body.credentials.`), so `body.credentials.apiToken` lands at `apiToken`. A
 * refusal without fields is one sentence under `form`.
 */
export function fieldErrors(error: unknown, prefix = /^body\.(credentials\.)?/): Record<string, string> {
  const fields = error instanceof ApiError ? error.fields : [];
  if (fields.length === 0) return { form: errorText(error) };
  return Object.fromEntries(fields.map((f) => [f.field.replace(prefix, '') || 'form', f.message]));
}

/** The sentence a connection test ends in. */
export const testOutcome = (result: { ok: boolean; reason?: string }) =>
  result.ok ? 'Connection works' : `Connection refused: ${result.reason ?? 'no reason given'}`;

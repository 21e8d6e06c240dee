export const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

export const dateTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

export const words = (status: string) => status.replaceAll('_', ' ');

/** How long ago, in the largest whole unit: "5 min", "3 h", "2 d". */
export function age(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h`;
  return `${Math.floor(minutes / 1440)} d`;
}

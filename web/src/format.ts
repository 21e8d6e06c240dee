export const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

export const dateTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

export const words = (status: string) => status.replaceAll('_', ' ');

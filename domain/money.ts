/** Formats integer cents for dealers: 1200 → "$12.00", 123456 → "$1,234.56", -50 → "-$0.50". */
export function formatCents(cents: number): string {
  // Prices arrive as integer cents; rounding guards against float noise from upstream arithmetic.
  const whole = Math.round(cents);
  const sign = whole < 0 ? '-' : '';
  const abs = Math.abs(whole);
  const dollars = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = String(abs % 100).padStart(2, '0');
  return `${sign}$${dollars}.${rest}`;
}

// The timeline chart's data: every month between the first and the last clipping (empty months
// included, so bars are evenly spaced in time), and the date range a drag across bars selects.

export interface MonthBar {
  month: string; // YYYY-MM
  count: number;
}

export function fillMonths(counts: { month: string; count: number }[]): MonthBar[] {
  if (counts.length === 0) return [];
  const byMonth = new Map(counts.map((c) => [c.month, c.count]));
  const sorted = [...byMonth.keys()].sort();
  let [y, m] = sorted[0].split('-').map(Number);
  const [ly, lm] = sorted[sorted.length - 1].split('-').map(Number);
  const out: MonthBar[] = [];
  // Capped so a stray date a century off cannot make thousands of bars.
  while ((y < ly || (y === ly && m <= lm)) && out.length < 1200) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ month: key, count: byMonth.get(key) ?? 0 });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The range from the first to the last month dragged across, in either direction. */
export function rangeFromDrag(bars: MonthBar[], a: number, b: number): { from: string; to: string } {
  const [i, j] = a <= b ? [a, b] : [b, a];
  return { from: bars[i].month, to: bars[j].month };
}

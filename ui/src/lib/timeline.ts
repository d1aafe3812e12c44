import type { MonthCount } from './bindings';

// The date range a drag across the timeline's bars selects. The bars come from the core, every
// month between the first and the last clipping (empty ones at 0), each with its label.

/** A bar: one month of the core's timeline. */
export type MonthBar = MonthCount;

/** The range from the first to the last month dragged across, in either direction. */
export function rangeFromDrag(bars: MonthBar[], a: number, b: number): { from: string; to: string } {
  const [i, j] = a <= b ? [a, b] : [b, a];
  return { from: bars[i].month, to: bars[j].month };
}

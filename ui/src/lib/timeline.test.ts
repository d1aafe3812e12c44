import { describe, expect, it } from 'vitest';
import { rangeFromDrag, type MonthBar } from './timeline';

// Filling the empty months is the core's (`Timeline::with_empty_months`, with its tests).
describe('rangeFromDrag', () => {
  it('spans the months dragged across in either direction', () => {
    const bars: MonthBar[] = ['2015-01', '2015-02', '2015-03', '2015-04'].map((month) => ({ month, label: month, count: 1 }));
    expect(rangeFromDrag(bars, 3, 1)).toEqual({ from: '2015-02', to: '2015-04' });
  });
});

import { describe, expect, it } from 'vitest';
import { fillMonths, rangeFromDrag } from './timeline';

describe('fillMonths', () => {
  it('fills the empty months between the first and last', () => {
    const bars = fillMonths([
      { month: '2015-11', count: 2 },
      { month: '2016-02', count: 5 },
    ]);
    expect(bars.map((b) => b.month)).toEqual(['2015-11', '2015-12', '2016-01', '2016-02']);
    expect(bars.map((b) => b.count)).toEqual([2, 0, 0, 5]);
  });
  it('has no bars without dated clippings', () => {
    expect(fillMonths([])).toEqual([]);
  });
});

describe('rangeFromDrag', () => {
  it('spans the months dragged across in either direction', () => {
    const bars = fillMonths([
      { month: '2015-01', count: 1 },
      { month: '2015-04', count: 1 },
    ]);
    expect(rangeFromDrag(bars, 3, 1)).toEqual({ from: '2015-02', to: '2015-04' });
  });
});

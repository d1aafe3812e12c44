import { describe, expect, it } from 'vitest';
import { RowLayout } from './row-layout';

describe('RowLayout', () => {
  it('places rows one under another when none is opened', () => {
    const l = new RowLayout(80);
    expect(l.top(3)).toBe(240);
    expect(l.indexAt(239)).toBe(2);
    expect(l.indexAt(240)).toBe(3);
    expect(l.total(10)).toBe(800);
  });

  it('moves the rows below an opened row down by what it shows', () => {
    const l = new RowLayout(80, [{ index: 5, extra: 100 }, { index: 2, extra: 50 }]);
    expect(l.top(2)).toBe(160);
    expect(l.height(2)).toBe(130);
    expect(l.top(3)).toBe(290);
    expect(l.top(6)).toBe(80 * 6 + 150);
    expect(l.total(10)).toBe(950);
  });

  it('finds the row at a height, inside an opened row too', () => {
    const l = new RowLayout(80, [{ index: 2, extra: 50 }]);
    expect(l.indexAt(0)).toBe(0);
    expect(l.indexAt(200)).toBe(2);
    expect(l.indexAt(289)).toBe(2);
    expect(l.indexAt(290)).toBe(3);
    expect(l.indexAt(80 * 9 + 50)).toBe(9);
  });
});

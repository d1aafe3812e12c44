import { describe, expect, it } from 'vitest';
import { Selection } from './selection.svelte';

const ids = [10, 11, 12, 13, 14];
const idAt = (i: number) => ids[i];
const plain = { shift: false, toggle: false };

describe('Selection', () => {
  it('selects one row on a plain click', () => {
    const s = new Selection();
    s.click(1, idAt, plain);
    s.click(3, idAt, plain);
    expect([...s.ids]).toEqual([13]);
    expect(s.single).toBe(13);
  });

  it('adds and removes rows with ctrl or cmd', () => {
    const s = new Selection();
    s.click(0, idAt, plain);
    s.click(2, idAt, { shift: false, toggle: true });
    expect([...s.ids].sort()).toEqual([10, 12]);
    s.click(0, idAt, { shift: false, toggle: true });
    expect([...s.ids]).toEqual([12]);
    expect(s.single).toBe(12);
  });

  it('extends a range from the anchor with shift, either direction', () => {
    const s = new Selection();
    s.click(3, idAt, plain);
    s.click(1, idAt, { shift: true, toggle: false });
    expect([...s.ids].sort()).toEqual([11, 12, 13]);
    s.click(4, idAt, { shift: true, toggle: false });
    expect([...s.ids].sort()).toEqual([13, 14]);
  });

  it('moves the cursor within bounds with the keyboard', () => {
    const s = new Selection();
    s.move(1, ids.length, idAt);
    expect(s.cursor).toBe(0);
    s.move(-1, ids.length, idAt);
    expect(s.cursor).toBe(0);
    s.move(10, ids.length, idAt);
    expect(s.cursor).toBe(4);
    s.move(-1, ids.length, idAt, true);
    expect([...s.ids].sort()).toEqual([13, 14]);
  });

  it('selects all and clears', () => {
    const s = new Selection();
    s.selectAll(ids);
    expect(s.size).toBe(5);
    expect(s.single).toBeNull();
    s.clear();
    expect(s.size).toBe(0);
  });
});

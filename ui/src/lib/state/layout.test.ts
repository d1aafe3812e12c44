import { describe, expect, it } from 'vitest';
import { PaneWidths } from './layout.svelte';

function memory() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('PaneWidths', () => {
  it('keeps the widths between runs', () => {
    const store = memory();
    const a = new PaneWidths(store);
    a.sidebar = 250;
    a.list = 500;
    a.save();
    const b = new PaneWidths(store);
    expect([b.sidebar, b.list]).toEqual([250, 500]);
  });

  it('ignores damaged or absurd saved values', () => {
    const store = memory();
    store.setItem('cuttings.panes', '{not json');
    expect(new PaneWidths(store).sidebar).toBe(230);
    store.setItem('cuttings.panes', JSON.stringify({ sidebar: 5, list: 99999 }));
    const p = new PaneWidths(store);
    expect([p.sidebar, p.list]).toEqual([170, 900]);
  });
});

import { describe, expect, it } from 'vitest';
import { PagedList } from './paged-list.svelte';

function source(n: number) {
  const calls: [number, number][] = [];
  const fetch = async (offset: number, limit: number, withTotal: boolean) => {
    calls.push([offset, limit]);
    const items = [];
    for (let i = offset; i < Math.min(n, offset + limit); i++) items.push({ id: i + 1 });
    return { items, total: withTotal ? n : null };
  };
  return { fetch, calls };
}

describe('PagedList', () => {
  it('loads the first page and the total on reset', async () => {
    const s = source(100_000);
    const list = new PagedList(s.fetch, 100);
    await list.reset();
    expect(list.total).toBe(100_000);
    expect(list.at(0)?.id).toBe(1);
    expect(list.at(150)).toBeUndefined();
    expect(s.calls).toEqual([[0, 100]]);
  });

  it('fetches only the pages a visible range needs, once', async () => {
    const s = source(100_000);
    const list = new PagedList(s.fetch, 100);
    await list.reset();
    await Promise.all([list.ensure(50_020, 50_060), list.ensure(50_020, 50_130)]);
    expect(list.at(50_020)?.id).toBe(50_021);
    expect(list.at(50_130)?.id).toBe(50_131);
    expect(s.calls).toEqual([
      [0, 100],
      [50_000, 100],
      [50_100, 100],
    ]);
  });

  it('drops answers that arrive after a newer reset', async () => {
    let release: () => void = () => {};
    let slow = true;
    const list = new PagedList(async (offset: number, _limit: number, withTotal: boolean) => {
      if (slow) await new Promise<void>((r) => (release = r));
      return { items: [{ id: offset + (slow ? 1000 : 1) }], total: withTotal ? 1 : null };
    }, 10);
    const first = list.reset();
    slow = false;
    await list.reset();
    release();
    await first;
    expect(list.at(0)?.id).toBe(1);
  });

  it('keeps an error in words and shows nothing', async () => {
    const list = new PagedList(async () => {
      throw new Error('search: the range ends before it starts');
    });
    await list.reset();
    expect(list.error).toContain('ends before it starts');
    expect(list.total).toBe(0);
  });

  it('words an error from the core ({kind, message}) by its message', async () => {
    const list = new PagedList(async () => {
      throw { kind: 'query', message: "'is:foo' is not known" };
    });
    await list.reset();
    expect(list.error).toBe("'is:foo' is not known");
  });

  it('finds and patches a loaded row', async () => {
    const s = source(30);
    const list = new PagedList(s.fetch, 10);
    await list.reset();
    list.patch(3, (r) => ({ ...r, id: 3 }));
    expect(list.indexOf(3)).toBe(2);
    expect(list.indexOf(29)).toBe(-1);
  });
});

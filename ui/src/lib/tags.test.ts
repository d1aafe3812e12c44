import { describe, expect, it } from 'vitest';
import type { Tag } from './bindings';
import { buildTree, suggest } from './tags';

const tag = (id: number, path: string, parent_id: number | null): Tag => ({
  id,
  path,
  name: path.split('/').at(-1)!,
  parent_id,
  colour: null,
  count: 1,
  total: 1,
});

describe('buildTree', () => {
  it('nests tags under their parents, sorted by name', () => {
    const tree = buildTree([tag(1, 'Syria', null), tag(2, 'Syria/Diplomacy', 1), tag(3, 'Iraq', null), tag(4, 'Syria/Aid', 1)]);
    expect(tree.map((n) => n.tag.path)).toEqual(['Iraq', 'Syria']);
    expect(tree[1].children.map((n) => n.tag.name)).toEqual(['Aid', 'Diplomacy']);
  });
});

describe('suggest', () => {
  it('puts paths starting with the text first and leaves out ones already chosen', () => {
    const paths = ['Syria', 'Syria/Diplomacy', 'Russia/Diplomacy', 'Diplomacy'];
    expect(suggest(paths, 'dip', ['Diplomacy'])).toEqual(['Russia/Diplomacy', 'Syria/Diplomacy']);
    expect(suggest(paths, 'syr')).toEqual(['Syria', 'Syria/Diplomacy']);
    expect(suggest(paths, '  ')).toEqual([]);
  });
});

import { describe as group, expect, it } from 'vitest';
import type { ClippingSummary } from '../bindings';
import { inverse } from './bulk';

function row(id: number, over: Partial<ClippingSummary> = {}): ClippingSummary {
  return {
    id,
    title: `t${id}`,
    source: null,
    authors: [],
    published: null,
    date_precision: 'unknown',
    place: null,
    tags: [],
    status: 'inbox',
    starred: false,
    word_count: 0,
    captured_at: '2026-01-01T00:00:00Z',
    snippet: '',
    deleted: false,
    ...over,
  };
}

group('inverse', () => {
  it('untags only the clippings that did not have the tag', () => {
    const before = [row(1, { tags: ['Syria'] }), row(2), row(3, { tags: ['Syria/Diplomacy'] })];
    expect(inverse({ kind: 'tag', path: 'Syria' }, before)).toEqual([{ kind: 'untag', path: 'Syria', ids: [2, 3] }]);
  });

  it('re-tags only the clippings that had the tag', () => {
    const before = [row(1, { tags: ['Syria'] }), row(2)];
    expect(inverse({ kind: 'untag', path: 'syria' }, before)).toEqual([{ kind: 'tag', path: 'syria', ids: [1] }]);
  });

  it('puts back each previous status and date', () => {
    const before = [row(1, { status: 'inbox' }), row(2, { status: 'archived' }), row(3, { status: 'inbox' })];
    expect(inverse({ kind: 'status', status: 'filed' }, before)).toEqual([
      { kind: 'status', status: 'inbox', ids: [1, 3] },
      { kind: 'status', status: 'archived', ids: [2] },
    ]);
    const dated = [row(1, { published: '2015-04' }), row(2)];
    expect(inverse({ kind: 'date', published: '2016' }, dated)).toEqual([
      { kind: 'date', published: '2015-04', ids: [1] },
      { kind: 'date', published: null, ids: [2] },
    ]);
  });

  it('restores what was trashed', () => {
    expect(inverse({ kind: 'trash' }, [row(1), row(2)])).toEqual([{ kind: 'restore', ids: [1, 2] }]);
  });
});

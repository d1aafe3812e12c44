import { describe, expect, it } from 'vitest';
import type { Source, StoryCopy, Tag } from './bindings';
import { carriedBy, countLabel, leftOut, otherCopies, shorten, withStoryCounts } from './stories';

describe('carriedBy', () => {
  it('names the outlets when each copy has one of its own', () => {
    expect(carriedBy(3, 3)).toBe('carried by 3 outlets');
  });
  it('counts copies when outlets are fewer (a source ran it twice, or a copy has none)', () => {
    expect(carriedBy(3, 2)).toBe('3 copies from 2 outlets');
    expect(carriedBy(2, 1)).toBe('2 copies');
    expect(carriedBy(2, 0)).toBe('2 copies');
  });
});

describe('shorten', () => {
  it('keeps a short sentence whole, spacing folded', () => {
    expect(shorten('The mayor of  Leeds welcomed the talks.')).toBe('The mayor of Leeds welcomed the talks.');
  });
  it('cuts a long sentence at a word, with an ellipsis', () => {
    const s = shorten('Officials in the northern city said on Wednesday that the convoy had been delayed by three hours at the border', 50);
    expect(s).toBe('Officials in the northern city said on Wednesday…');
    expect(s.length).toBeLessThanOrEqual(50);
  });
});

describe('leftOut', () => {
  it('says how much of the lead a copy leaves out, and nothing when it leaves none', () => {
    expect(leftOut(42)).toBe('leaves out 42 words of the lead');
    expect(leftOut(1)).toBe('leaves out 1 word of the lead');
    expect(leftOut(0)).toBeNull();
  });
});

describe('otherCopies', () => {
  const copy = (id: number, deleted = false) => ({ id, deleted }) as StoryCopy;
  it('leaves out the clipping itself and copies in the trash', () => {
    expect(otherCopies([copy(1), copy(2), copy(3, true), copy(4)], 2).map((c) => c.id)).toEqual([1, 4]);
  });
});

describe('countLabel', () => {
  it('counts stories while copies are grouped', () => {
    expect(countLabel(1, true)).toBe('1 story');
    expect(countLabel(1200, true)).toBe('1,200 stories');
    expect(countLabel(2, false)).toBe('2 clippings');
  });
});

describe('withStoryCounts', () => {
  it('puts the story counts in place of clipping counts, 0 for those with none', () => {
    const tags = [{ id: 1, path: 'Syria', total: 5 }, { id: 2, path: 'Iraq', total: 2 }] as Tag[];
    const sources = [{ id: 7, name: 'SANA', count: 4 }] as Source[];
    const shown = withStoryCounts(tags, sources, { stories: 3, inbox: 3, starred: 0, archived: 0, trash: 0, tags: [[1, 2]], sources: [[7, 1]] });
    expect(shown.tags.map((t) => t.total)).toEqual([2, 0]);
    expect(shown.sources[0].count).toBe(1);
    expect(tags[0].total).toBe(5);
  });
});

import { describe, expect, it } from 'vitest';
import { FilterState, presetRange } from './filters.svelte';

describe('FilterState', () => {
  it('maps sidebar views to status, starred and trash scope', () => {
    const f = new FilterState();
    f.view = 'inbox';
    expect(f.toFilter().status).toBe('inbox');
    f.view = 'archive';
    expect(f.toFilter().status).toBe('archived');
    f.view = 'starred';
    expect(f.toFilter()).toMatchObject({ status: null, starred: true, scope: 'live' });
    f.view = 'trash';
    expect(f.toFilter().scope).toBe('trash');
  });

  it('shows every active filter as a chip that removes it', () => {
    const f = new FilterState();
    f.text = 'Lavrov';
    f.toggleTag('Syria', false);
    f.toggleSource('SANA', false);
    f.from = '2015-01-01';
    expect(f.chips.map((c) => c.key)).toEqual(['text', 'tag:Syria', 'source:SANA', 'dates']);
    f.removeChip('tag:Syria');
    f.removeChip('dates');
    expect(f.tags).toEqual([]);
    expect(f.from).toBeNull();
    expect(f.chips.map((c) => c.key)).toEqual(['text', 'source:SANA']);
  });

  it('adds topics with a modifier and replaces them without', () => {
    const f = new FilterState();
    f.toggleTag('Syria', false);
    f.toggleTag('Russia', true);
    expect(f.tags).toEqual(['Syria', 'Russia']);
    f.toggleTag('Syria', true);
    expect(f.tags).toEqual(['Russia']);
    f.toggleTag('Iraq', false);
    expect(f.tags).toEqual(['Iraq']);
  });
});

describe('presetRange', () => {
  const today = new Date(2026, 2, 5);
  it('counts the last 7 and 30 days back from today, inclusive', () => {
    expect(presetRange('7d', today)).toEqual({ from: '2026-02-27', to: '2026-03-05' });
    expect(presetRange('30d', today)).toEqual({ from: '2026-02-04', to: '2026-03-05' });
  });
  it('starts this year on 1 January', () => {
    expect(presetRange('year', today)).toEqual({ from: '2026-01-01', to: '2026-03-05' });
  });
});

describe('Group copies', () => {
  it('asks the core for one row per story, and survives clearing the filters', () => {
    const f = new FilterState();
    expect(f.toFilter().group_copies).toBe(false);
    f.groupCopies = true;
    f.text = 'Aleppo';
    f.clear();
    expect(f.toFilter().group_copies).toBe(true);
  });
});

describe('Has suggestions', () => {
  it('adds is:suggested to the query the list runs, after any search text', () => {
    const f = new FilterState();
    expect(f.toFilter().text).toBe('');
    f.suggested = true;
    expect(f.toFilter().text).toBe('is:suggested');
    f.text = 'Aleppo OR ';
    expect(f.toFilter().text).toBe('Aleppo OR is:suggested');
    expect(f.text).toBe('Aleppo OR ');
  });

  it('is a chip that removes it, and clearing the filters turns it off', () => {
    const f = new FilterState();
    f.suggested = true;
    expect(f.chips.map((c) => c.key)).toEqual(['suggested']);
    expect(f.active).toBe(true);
    f.removeChip('suggested');
    expect(f.suggested).toBe(false);
    expect(f.active).toBe(false);
    f.suggested = true;
    f.clear();
    expect(f.toFilter().text).toBe('');
  });
});

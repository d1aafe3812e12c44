import { describe as group, expect, it } from 'vitest';
import { describe } from './bulk';

// What undo restores is the core's to compute (store/bulk.rs has its tests); the notice's words
// are the UI's.
group('describe', () => {
  it('says what a bulk change did, with the count', () => {
    expect(describe({ kind: 'tag', path: 'Syria' }, 3)).toBe('Tagged 3 clippings “Syria”');
    expect(describe({ kind: 'untag', path: 'Syria' }, 1)).toBe('Removed “Syria” from 1 clipping');
    expect(describe({ kind: 'date', published: '2016' }, 2)).toBe('Set the date of 2 clippings');
    expect(describe({ kind: 'star', starred: false }, 2)).toBe('Unstarred 2 clippings');
    expect(describe({ kind: 'trash' }, 1)).toBe('Moved 1 clipping to the trash');
  });
});

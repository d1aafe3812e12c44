import { describe, expect, it } from 'vitest';
import { UndoStack } from './undo.svelte';

describe('UndoStack', () => {
  it('undoes the newest change first, once', async () => {
    const done: string[] = [];
    const u = new UndoStack();
    u.push({ label: 'a', undo: async () => void done.push('a') });
    u.push({ label: 'b', undo: async () => void done.push('b') });
    expect(await u.undo()).toBe('b');
    expect(await u.undo()).toBe('a');
    expect(await u.undo()).toBeNull();
    expect(done).toEqual(['b', 'a']);
  });

  it('forgets the oldest beyond its limit', () => {
    const u = new UndoStack(2);
    for (const l of ['a', 'b', 'c']) u.push({ label: l, undo: async () => {} });
    expect(u.entries.map((e) => e.label)).toEqual(['b', 'c']);
  });
});

import { describe, expect, it } from 'vitest';
import { actionFor } from './keymap';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('actionFor', () => {
  it('maps the list keys', () => {
    expect(actionFor(key('j'), false)).toBe('down');
    expect(actionFor(key('ArrowUp'), false)).toBe('up');
    expect(actionFor(key('ArrowDown', { shiftKey: true }), false)).toBe('extendDown');
    expect(actionFor(key('Enter'), false)).toBe('open');
    expect(actionFor(key('/'), false)).toBe('search');
    expect(actionFor(key('t'), false)).toBe('tag');
    expect(actionFor(key('n'), false)).toBe('note');
    expect(actionFor(key('s'), false)).toBe('star');
    expect(actionFor(key('a'), false)).toBe('accept');
    expect(actionFor(key('Delete'), false)).toBe('trash');
    expect(actionFor(key('?', { shiftKey: true }), false)).toBe('help');
  });

  it('takes select-all and undo with ctrl or cmd', () => {
    expect(actionFor(key('a', { ctrlKey: true }), false)).toBe('selectAll');
    expect(actionFor(key('a', { metaKey: true }), false)).toBe('selectAll');
    // Ctrl+Shift+A opens the Analysis view from the menu; it selects nothing.
    expect(actionFor(key('A', { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    expect(actionFor(key('z', { ctrlKey: true }), false)).toBe('undo');
    expect(actionFor(key('s', { ctrlKey: true }), false)).toBeNull();
  });

  it('leaves typing in text fields alone except Escape', () => {
    expect(actionFor(key('t'), true)).toBeNull();
    expect(actionFor(key('a'), true)).toBeNull();
    expect(actionFor(key('/'), true)).toBeNull();
    expect(actionFor(key('a', { ctrlKey: true }), true)).toBeNull();
    expect(actionFor(key('Escape'), true)).toBe('escape');
  });
});

import { describe, expect, it } from 'vitest';
import { errorKind, errorText } from './ipc';

describe('errorText', () => {
  it('shows the core message of an IPC error', () => {
    const e = { kind: 'query', message: 'search: the range 2016 to 2015 ends before it starts' };
    expect(errorText(e)).toContain('ends before it starts');
    expect(errorKind(e)).toBe('query');
  });
  it('reads framework strings and JS errors too', () => {
    expect(errorText('command not found')).toBe('command not found');
    expect(errorText(new Error('boom'))).toBe('boom');
    expect(errorText(undefined)).toMatch(/no reason/);
  });
});

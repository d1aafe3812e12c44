import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TopicSuggestion } from './bindings';
import { Debounced, acceptedText, changesFiling, chipsFor, describeSuggestion, explain, likelihood, scoreText, ticked } from './suggestions';

const topic = (tag: string, suggested: boolean, score: number | null = 0.31, why = ['league', 'striker', 'goal']): TopicSuggestion => ({
  tag,
  suggested,
  sure: suggested,
  score,
  why,
});

describe('explain', () => {
  it('lists the words that weighed most', () => {
    expect(explain(topic('Sport/Football', true))).toBe('Suggested from: league, striker, goal');
  });
  it('says so when no word stood out', () => {
    expect(explain(topic('Sport', false, 0.1, []))).toBe('Suggested from the clipping’s words as a whole');
  });
});

describe('likelihood and scoreText', () => {
  it('says how likely, with the score at two decimals', () => {
    expect(likelihood(topic('A', true, 0.2345))).toBe('Likely · score 0.23');
    expect(likelihood(topic('A', false, 0.1))).toBe('Less likely · score 0.10');
  });
  it('leaves the score out when the core gave none', () => {
    expect(scoreText(null)).toBeNull();
    expect(scoreText(Number.NaN)).toBeNull();
    expect(likelihood(topic('A', true, null))).toBe('Likely');
  });
  it('reads as one line for a screen reader', () => {
    expect(describeSuggestion(topic('A', true, 0.5, ['bank']))).toBe('Suggested from: bank (likely · score 0.50)');
  });
});

describe('chipsFor', () => {
  it('keeps the core’s order, without the tags the clipping has or a topic twice', () => {
    const shown = chipsFor([topic('Sport/Football', true), topic('Business', false), topic('sport/football', false), topic('Press', false)], ['Business']);
    expect(shown.map((t) => t.tag)).toEqual(['Sport/Football', 'Press']);
  });
});

describe('ticked', () => {
  it('is the topics offered ticked', () => {
    expect(ticked([topic('A', true), topic('B', false), topic('C', true)])).toEqual(['A', 'C']);
  });
});

describe('acceptedText', () => {
  it('counts the clippings filed, leaving out those with nothing likely enough', () => {
    expect(acceptedText([[1, ['A']], [2, ['B']], [3, []]], 3)).toEqual({ filed: 2, text: 'Filed 2 clippings under their suggested topics' });
    expect(acceptedText([[1, ['A']], [2, ['A']]], 2).text).toBe('Filed 2 clippings under “A”');
    expect(acceptedText([[1, ['A']]], 1).text).toBe('Filed 1 clipping under “A”');
    expect(acceptedText([[1, ['A', 'B']]], 1).text).toBe('Filed 1 clipping under 2 suggested topics');
    expect(acceptedText(Array.from({ length: 1200 }, (_, i) => [i, [i % 2 ? 'B' : 'A']] as [number, string[]]), 1200).text).toBe(
      'Filed 1,200 clippings under their suggested topics',
    );
  });
  it('says so when nothing was likely enough', () => {
    expect(acceptedText([[1, []], [2, []]], 2)).toEqual({ filed: 0, text: 'No suggested topic is likely enough to file any of the 2 clippings under' });
    expect(acceptedText([], 1).text).toBe('No suggested topic is likely enough to file this clipping under');
  });
});

describe('changesFiling', () => {
  it('is true for what changes the tags outside the trash or the inbox', () => {
    expect(changesFiling({ kind: 'tag', path: 'A' })).toBe(true);
    expect(changesFiling({ kind: 'untag', path: 'A' })).toBe(true);
    expect(changesFiling({ kind: 'trash' })).toBe(true);
    expect(changesFiling({ kind: 'restore' })).toBe(true);
    expect(changesFiling({ kind: 'status', status: 'filed' })).toBe(true);
    expect(changesFiling({ kind: 'star', starred: true })).toBe(false);
    expect(changesFiling({ kind: 'date', published: null })).toBe(false);
  });
});

describe('Debounced', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** A job whose runs end when the test says. */
  function job() {
    const ends: (() => void)[] = [];
    const run = vi.fn(() => new Promise<void>((ok) => ends.push(ok)));
    return { run, end: async () => {
      ends.shift()?.();
      await vi.advanceTimersByTimeAsync(0);
    } };
  }

  it('runs once, a moment after the last of several requests', async () => {
    const j = job();
    const d = new Debounced(j.run, 1500);
    d.request();
    await vi.advanceTimersByTimeAsync(1000);
    d.request();
    await vi.advanceTimersByTimeAsync(1000);
    expect(j.run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(j.run).toHaveBeenCalledTimes(1);
    await j.end();
    expect(d.busy).toBe(false);
  });

  it('never runs two at a time: a request while it runs makes one more run after it', async () => {
    const j = job();
    const d = new Debounced(j.run, 100);
    d.now();
    expect(j.run).toHaveBeenCalledTimes(1);
    d.request();
    d.now();
    await vi.advanceTimersByTimeAsync(200);
    expect(j.run).toHaveBeenCalledTimes(1);
    await j.end();
    expect(j.run).toHaveBeenCalledTimes(2);
    await j.end();
    expect(j.run).toHaveBeenCalledTimes(2);
    expect(d.busy).toBe(false);
  });

  it('keeps going after a run that failed', async () => {
    const run = vi.fn().mockRejectedValueOnce(new Error('conflict')).mockResolvedValue(undefined);
    const d = new Debounced(run, 10);
    d.now();
    await vi.advanceTimersByTimeAsync(0);
    d.request();
    await vi.advanceTimersByTimeAsync(10);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('forgets a pending request when cancelled', async () => {
    const j = job();
    const d = new Debounced(j.run, 100);
    d.request();
    d.cancel();
    await vi.advanceTimersByTimeAsync(500);
    expect(j.run).not.toHaveBeenCalled();
  });
});

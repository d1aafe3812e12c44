import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The workspace talks to the backend only through the generated commands: stand them in.
const calls: string[] = [];
const args: Record<string, unknown[]> = {};
// Every call in order with its arguments, and answers a test puts in place of the usual ones
// (a function is called: it may throw).
const log: [string, unknown[]][] = [];
const override: Record<string, unknown> = {};
vi.mock('../bindings', () => {
  const answer: Record<string, unknown> = {
    stats: { total: 1 },
    tags: [],
    sources: [],
    savedSearches: [],
    updateClipping: { id: 7, title: 'New title', source: null, published: null, date_precision: 'unknown', place: null, status: 'inbox', starred: false, tags: [] },
    tagClippings: null,
    saveFilter: { id: 1, name: 'Syria', query: 'tag:Syria' },
    deleteSavedSearch: null,
    clipping: { id: 7, tags: ['Syria'] },
    applyBulk: { change: { kind: 'star', starred: true }, before: [{ id: 3, starred: false }] },
    undoBulk: null,
    storyCounts: { stories: 1, inbox: 1, starred: 0, archived: 0, trash: 0, tags: [], sources: [] },
    setGroupCopies: null,
    splitCopy: 12,
    mergeStories: { story: 11, undo: { stories: [] } },
    keepCopy: null,
    undoMerge: null,
    unkeepCopy: null,
    search: { items: [], total: 0 },
    timeline: { months: [], year_only: 0, undated: 0 },
    topicModelStatus: { learned_at: null, examples: 0, topics: 0, up_to_date: true },
    filesOnArrival: false,
    setFilesOnArrival: null,
    keepAutoTags: 1,
    learnTopics: { learned_at: '2026-01-01T00:00:00Z', examples: 6, topics: 2, up_to_date: true },
    acceptSuggestions: {
      applied: [
        [3, ['Sport/Football']],
        [4, []],
        [5, ['Business/Markets']],
      ],
      undo: [
        { change: { kind: 'tag', path: 'Sport/Football' }, before: [{ id: 3 }] },
        { change: { kind: 'tag', path: 'Business/Markets' }, before: [{ id: 5 }] },
      ],
    },
  };
  const commands = new Proxy(
    {},
    {
      get: (_, name: string) => async (...given: unknown[]) => {
        calls.push(name);
        args[name] = given;
        log.push([name, given]);
        if (name in override) {
          const o = override[name];
          return typeof o === 'function' ? o(...given) : o;
        }
        if (!(name in answer)) throw new Error(`unexpected command ${name}`);
        return answer[name];
      },
    },
  );
  return { commands };
});

const { Workspace } = await import('./workspace.svelte');

const sidebarCalls = () => calls.filter((c) => ['stats', 'tags', 'sources', 'savedSearches'].includes(c));

describe('Workspace sidebar refresh', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('reloads every part by default', async () => {
    await new Workspace().refreshSidebar();
    expect(sidebarCalls().sort()).toEqual(['savedSearches', 'sources', 'stats', 'tags']);
  });

  it('an edit in the reader reloads the counts it can change, not the topic tree', async () => {
    const ws = new Workspace();
    expect(await ws.update(7, { title: 'New title' } as never)).toBe(true);
    expect(sidebarCalls().sort()).toEqual(['sources', 'stats']);
  });

  it('tagging reloads the topic tree; saving a search reloads only the saved searches', async () => {
    const ws = new Workspace();
    ws.reader = { id: 7, tags: [] } as never;
    await ws.tagReader('Syria');
    expect(sidebarCalls().sort()).toEqual(['stats', 'tags']);
    calls.length = 0;
    await ws.saveSearch('Syria');
    expect(sidebarCalls()).toEqual(['savedSearches']);
  });

  it('a bulk change keeps the undo the core returned and hands it back to undo', async () => {
    const ws = new Workspace();
    // The list, counts and reader reload after the change; they are not what this checks.
    ws.refreshAll = async () => {};
    await ws.bulk({ kind: 'star', starred: true }, [3, 4]);
    expect(args.applyBulk).toEqual([[3, 4], { kind: 'star', starred: true }]);
    expect(ws.undo.last?.label).toBe('Starred 2 clippings');
    await ws.undoLast();
    expect(args.undoBulk).toEqual([{ change: { kind: 'star', starred: true }, before: [{ id: 3, starred: false }] }]);
    expect(ws.undo.last).toBeUndefined();
  });
});

describe('Workspace stories', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('with copies grouped, the sidebar also reads its counts in stories', async () => {
    const ws = new Workspace();
    await ws.setGroupCopies(true);
    expect(args.setGroupCopies).toEqual([true]);
    expect(ws.filter.toFilter().group_copies).toBe(true);
    expect(ws.storyCounts?.stories).toBe(1);
    calls.length = 0;
    await ws.refreshSidebar(['saved']);
    expect(calls).not.toContain('storyCounts');
    await ws.setGroupCopies(false);
    expect(ws.storyCounts).toBeNull();
  });

  it('keeping a copy is undone by the copy kept before, or by none', async () => {
    const ws = new Workspace();
    const story = (kept: number | null) => ({ id: 11, sources: 2, copies: [7, 8].map((c) => ({ id: c, kept: c === kept })) });
    override.storyOf = () => story(null);
    await ws.keepCopy(8);
    expect(args.keepCopy).toEqual([8]);
    await ws.undo.undo();
    expect(args.unkeepCopy).toEqual([8]);
    override.storyOf = () => story(7);
    await ws.keepCopy(8);
    log.length = 0;
    await ws.undo.undo();
    expect(log.filter(([n]) => n === 'keepCopy')).toEqual([['keepCopy', [7]]]);
    delete override.storyOf;
  });

  it('a merge is undone with the undo the core returned', async () => {
    const ws = new Workspace();
    const undo = { stories: [{ copies: [3, 4, 5], kept: 4 }] };
    override.mergeStories = { story: 11, undo };
    await ws.mergeStories([7, 3]);
    expect(args.mergeStories).toEqual([[7, 3]]);
    expect(ws.undo.last?.label).toBe('Merged the stories of 2 clippings into one');
    await ws.undo.undo();
    expect(args.undoMerge).toEqual([undo]);
  });

  it('a split keeps the reader on its clipping and is undone by merging it back', async () => {
    const ws = new Workspace();
    ws.reader = { id: 7, tags: [] } as never;
    ws.selection.selectAll([7]);
    const version = ws.storyVersion;
    await ws.splitCopy(7, 3);
    expect(args.splitCopy).toEqual([7]);
    expect(ws.storyVersion).toBeGreaterThan(version);
    expect((ws.reader as { id: number } | null)?.id).toBe(7);
    expect(ws.selection.single).toBe(7);
    expect(ws.undo.last?.label).toBe('Split a copy from its story');
    await ws.undo.undo();
    expect(args.mergeStories).toEqual([[3, 7]]);
  });
});

describe('Workspace topic suggestions', () => {
  beforeEach(() => {
    calls.length = 0;
    log.length = 0;
    for (const k of Object.keys(override)) delete override[k];
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('"Accept suggestions" counts the clippings filed and is undone entry by entry, newest first', async () => {
    const ws = new Workspace();
    await ws.acceptSuggestions([3, 4, 5]);
    expect(args.acceptSuggestions).toEqual([[3, 4, 5]]);
    expect(ws.notices.items.at(-1)?.text).toBe('Filed 2 clippings under their suggested topics');
    expect(ws.notices.items.at(-1)?.undo).toBeTypeOf('function');
    expect(calls).toContain('search');
    log.length = 0;
    await ws.undo.undo();
    const undone = log.filter(([name]) => name === 'undoBulk').map(([, given]) => (given[0] as { change: { path: string } }).change.path);
    expect(undone).toEqual(['Business/Markets', 'Sport/Football']);
  });

  it('says so when no suggestion was likely enough, with nothing to undo', async () => {
    override.acceptSuggestions = { applied: [[3, []]], undo: [] };
    const ws = new Workspace();
    await ws.acceptSuggestions([3, 4]);
    expect(ws.notices.items.at(-1)?.text).toBe('No suggested topic is likely enough to file any of the 2 clippings under');
    expect(ws.undo.last).toBeUndefined();
  });

  it('before any topic is learned, says how suggestions come about instead of asking', async () => {
    const ws = new Workspace();
    ws.topicModel = { learned_at: null, examples: 0, topics: 0, up_to_date: true };
    await ws.acceptSuggestions([3]);
    expect(calls).not.toContain('acceptSuggestions');
    expect(ws.notices.items.at(-1)?.text).toMatch(/^No topics to suggest yet/);
  });

  it('learns the topics once, a moment after the last of several changes to the filing', async () => {
    vi.useFakeTimers();
    const ws = new Workspace();
    ws.reader = { id: 7, tags: [] } as never;
    await ws.tagReader('Syria');
    await ws.untagReader('Syria');
    await ws.bulk({ kind: 'star', starred: true }, [7]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls).not.toContain('learnTopics');
    const version = ws.suggestVersion;
    await vi.advanceTimersByTimeAsync(600);
    expect(calls.filter((c) => c === 'learnTopics')).toHaveLength(1);
    expect(ws.topicModel?.topics).toBe(2);
    expect(ws.suggestVersion).toBe(version + 1);
  });

  it('a star or a date does not learn again; a learning already under way is not an error', async () => {
    vi.useFakeTimers();
    const ws = new Workspace();
    await ws.bulk({ kind: 'star', starred: true }, [7]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).not.toContain('learnTopics');
    override.learnTopics = () => Promise.reject({ kind: 'conflict', message: 'the learning of topics is already running' });
    await ws.bulk({ kind: 'trash' }, [7]);
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toContain('learnTopics');
    expect(ws.notices.items.some((n) => n.tone === 'error')).toBe(false);
  });

  it('filing on arrival is turned on for the library, and the reader keeps what it filed', async () => {
    const ws = new Workspace();
    expect(ws.fileOnArrival).toBe(false);
    await ws.setFileOnArrival(true);
    expect(args.setFilesOnArrival).toEqual([true]);
    expect(ws.fileOnArrival).toBe(true);
    ws.reader = { id: 7, tags: ['Syria'], auto_tags: ['Syria'] } as never;
    await ws.keepReaderAutoTags();
    expect(args.keepAutoTags).toEqual([[7]]);
    // The filing changed: learned again a moment later.
    expect(calls).toContain('clipping');
  });

  it('"Keep auto-tagged topics" keeps them for the whole selection and says how many', async () => {
    const ws = new Workspace();
    ws.selection.selectAll([3, 4]);
    override.keepAutoTags = 3;
    await ws.keepAutoTags();
    expect(args.keepAutoTags).toEqual([[3, 4]]);
    expect(ws.notices.items.at(-1)?.text).toBe('Kept 3 topics put on as the clippings arrived');
  });

  it('a failure to turn it on leaves it off', async () => {
    const ws = new Workspace();
    override.setFilesOnArrival = () => Promise.reject({ kind: 'io', message: 'disk full' });
    await ws.setFileOnArrival(true);
    expect(ws.fileOnArrival).toBe(false);
  });
});

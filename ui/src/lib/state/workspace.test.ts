import { beforeEach, describe, expect, it, vi } from 'vitest';

// The workspace talks to the backend only through the generated commands: stand them in.
const calls: string[] = [];
vi.mock('../bindings', () => {
  const answer: Record<string, unknown> = {
    stats: { total: 1 },
    tags: [],
    outlets: [],
    savedSearches: [],
    updateClipping: { id: 7, title: 'New title', source: null, published: null, date_precision: 'unknown', place: null, status: 'inbox', starred: false, tags: [] },
    tagClippings: null,
    saveSearch: { id: 1, name: 'Syria', query: 'tag:Syria' },
    deleteSavedSearch: null,
    clipping: { id: 7, tags: ['Syria'] },
  };
  const commands = new Proxy(
    {},
    {
      get: (_, name: string) => async () => {
        calls.push(name);
        if (!(name in answer)) throw new Error(`unexpected command ${name}`);
        return answer[name];
      },
    },
  );
  return { commands };
});

const { Workspace } = await import('./workspace.svelte');

const sidebarCalls = () => calls.filter((c) => ['stats', 'tags', 'outlets', 'savedSearches'].includes(c));

describe('Workspace sidebar refresh', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('reloads every part by default', async () => {
    await new Workspace().refreshSidebar();
    expect(sidebarCalls().sort()).toEqual(['outlets', 'savedSearches', 'stats', 'tags']);
  });

  it('an edit in the reader reloads the counts it can change, not the topic tree', async () => {
    const ws = new Workspace();
    expect(await ws.update(7, { title: 'New title' } as never)).toBe(true);
    expect(sidebarCalls().sort()).toEqual(['outlets', 'stats']);
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
});

// The filters the list shows: the sidebar view, the search text, chosen topics and sources, and
// a date range, and "Has suggestions". Turns them into the core's `Filter` (which the core writes
// in the search language for "Save search") and into removable chips.

import type { Filter, Match, Sort, Status } from '../bindings';

export type View = 'inbox' | 'all' | 'starred' | 'archive' | 'trash';
export type Preset = '7d' | '30d' | 'year';

export interface Chip {
  key: string;
  label: string;
}

function iso(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The day range of a preset, ending today. */
export function presetRange(preset: Preset, today: Date): { from: string; to: string } {
  const to = iso(today);
  if (preset === 'year') return { from: `${today.getFullYear()}-01-01`, to };
  const days = preset === '7d' ? 6 : 29;
  const start = new Date(today.getFullYear(), today.getMonth(), today.getDate() - days);
  return { from: iso(start), to };
}

/** Just the clippings `ids` (in `filter`'s scope, live or trash), whatever else `filter` narrows
 *  by: every one picked, copies of one story too. */
export function onlyIds(filter: Filter, ids: number[]): Filter {
  return {
    ...filter,
    ids: [...ids],
    text: '',
    tags: [],
    sources: [],
    authors: [],
    places: [],
    from: null,
    to: null,
    status: null,
    starred: null,
    group_copies: false,
  };
}

/** The search language's filter for clippings offered a topic ticked. */
export const SUGGESTED = 'is:suggested';

/** The search text with `is:suggested` after it (an inline filter holds wherever it stands,
 *  and after the text it never joins a trailing OR). */
export function withSuggested(text: string, on: boolean): string {
  if (!on) return text;
  const t = text.trim();
  return t ? `${t} ${SUGGESTED}` : SUGGESTED;
}

const VIEW_STATUS: Partial<Record<View, Status>> = { inbox: 'inbox', archive: 'archived' };

export class FilterState {
  view = $state<View>('all');
  text = $state('');
  tags = $state<string[]>([]);
  tagMatch = $state<Match>('any');
  sources = $state<string[]>([]);
  sourceMatch = 'any' as const; // a clipping has one source, so "all" of several never matches
  from = $state<string | null>(null);
  to = $state<string | null>(null);
  includeUndated = $state(false);
  sort = $state<Sort>('relevance');
  /** One row per story ("Group copies"): the library remembers it, so clearing keeps it. */
  groupCopies = $state(false);
  /** "Has suggestions": only inbox clippings offered a topic ticked (`is:suggested`). */
  suggested = $state(false);

  /** The core filter for the list, the counts and the timeline. */
  toFilter(): Filter {
    return {
      text: withSuggested(this.text, this.suggested),
      tags: [...this.tags],
      tag_match: this.tagMatch,
      sources: [...this.sources],
      authors: [],
      places: [],
      from: this.from,
      to: this.to,
      include_undated: this.includeUndated,
      status: VIEW_STATUS[this.view] ?? null,
      starred: this.view === 'starred' ? true : null,
      scope: this.view === 'trash' ? 'trash' : 'live',
      ids: null,
      group_copies: this.groupCopies,
    };
  }

  get chips(): Chip[] {
    const chips: Chip[] = [];
    if (this.text.trim()) chips.push({ key: 'text', label: `“${this.text.trim()}”` });
    if (this.suggested) chips.push({ key: 'suggested', label: 'Has suggestions' });
    for (const t of this.tags) chips.push({ key: `tag:${t}`, label: `Topic: ${t}` });
    for (const s of this.sources) chips.push({ key: `source:${s}`, label: `Source: ${s}` });
    if (this.from || this.to) {
      const range = `${this.from ?? '…'} – ${this.to ?? '…'}`;
      chips.push({ key: 'dates', label: this.includeUndated ? `${range} + undated` : range });
    }
    return chips;
  }

  get active(): boolean {
    return this.chips.length > 0;
  }

  removeChip(key: string): void {
    if (key === 'text') this.text = '';
    else if (key === 'suggested') this.suggested = false;
    else if (key === 'dates') {
      this.from = null;
      this.to = null;
    } else if (key.startsWith('tag:')) this.tags = this.tags.filter((t) => `tag:${t}` !== key);
    else if (key.startsWith('source:')) this.sources = this.sources.filter((s) => `source:${s}` !== key);
  }

  toggleTag(path: string, add: boolean): void {
    if (!add) this.tags = [path];
    else if (this.tags.includes(path)) this.tags = this.tags.filter((t) => t !== path);
    else this.tags = [...this.tags, path];
  }

  toggleSource(name: string, add: boolean): void {
    if (!add) this.sources = [name];
    else if (this.sources.includes(name)) this.sources = this.sources.filter((s) => s !== name);
    else this.sources = [...this.sources, name];
  }

  setPreset(preset: Preset, today = new Date()): void {
    const r = presetRange(preset, today);
    this.from = r.from;
    this.to = r.to;
  }

  clear(): void {
    this.text = '';
    this.suggested = false;
    this.tags = [];
    this.sources = [];
    this.from = null;
    this.to = null;
    this.includeUndated = false;
  }

  /** Shows a saved search: its query becomes the search text, other filters are cleared. */
  applyQuery(query: string): void {
    this.clear();
    this.view = 'all';
    this.text = query;
  }
}

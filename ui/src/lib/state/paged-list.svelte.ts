// The rows of a long list, fetched a page at a time as they scroll into view. Only pages near
// the viewport are asked for, so a list of 100,000 clippings costs a few small queries.

import { errorText } from '../ipc';

export interface Page<T> {
  items: T[];
  total: number | null;
}

export type Fetch<T> = (offset: number, limit: number, withTotal: boolean) => Promise<Page<T>>;

export class PagedList<T extends { id: number }> {
  total = $state(0);
  /** Loaded pages by page number; replaced (not mutated) so the view updates. */
  pages = $state.raw<Map<number, T[]>>(new Map());
  loading = $state(false);
  error = $state<string | null>(null);
  private pending = new Set<number>();
  /** Bumped on every reset, so answers to an older query are dropped. */
  private generation = 0;

  constructor(
    private fetch: Fetch<T>,
    // A page is a few screens of rows: enough to scroll into, and small enough that the first
    // page of a search (each row with its snippet, tags and authors) comes back quickly.
    readonly pageSize = 100,
  ) {}

  at(index: number): T | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  idAt = (index: number): number | undefined => this.at(index)?.id;

  indexOf(id: number): number {
    for (const [n, items] of this.pages) {
      const i = items.findIndex((x) => x.id === id);
      if (i >= 0) return n * this.pageSize + i;
    }
    return -1;
  }

  /** Starts over (the filter or sort changed): the first page and the total. */
  async reset(): Promise<void> {
    const gen = ++this.generation;
    this.pending.clear();
    this.loading = true;
    try {
      const page = await this.fetch(0, this.pageSize, true);
      if (gen !== this.generation) return;
      this.total = page.total ?? page.items.length;
      this.pages = new Map([[0, page.items]]);
      this.error = null;
    } catch (e) {
      if (gen !== this.generation) return;
      this.pages = new Map();
      this.total = 0;
      // The core's `{kind, message}` as well as a thrown Error: in words, never "[object Object]".
      this.error = errorText(e);
    } finally {
      if (gen === this.generation) this.loading = false;
    }
  }

  /** Loads the pages covering rows `start` to `end` that are not loaded yet. */
  async ensure(start: number, end: number): Promise<void> {
    const gen = this.generation;
    const first = Math.max(0, Math.floor(start / this.pageSize));
    const last = Math.floor(Math.min(end, Math.max(0, this.total - 1)) / this.pageSize);
    const wanted: number[] = [];
    for (let n = first; n <= last; n++) {
      if (!this.pages.has(n) && !this.pending.has(n)) wanted.push(n);
    }
    await Promise.all(
      wanted.map(async (n) => {
        this.pending.add(n);
        try {
          const page = await this.fetch(n * this.pageSize, this.pageSize, false);
          if (gen !== this.generation) return;
          this.pages = new Map(this.pages).set(n, page.items);
        } finally {
          this.pending.delete(n);
        }
      }),
    );
  }

  /** Replaces one loaded row in place (after an edit), without reloading the list. */
  patch(id: number, update: (row: T) => T): void {
    for (const [n, items] of this.pages) {
      const i = items.findIndex((x) => x.id === id);
      if (i >= 0) {
        const copy = [...items];
        copy[i] = update(copy[i]);
        this.pages = new Map(this.pages).set(n, copy);
        return;
      }
    }
  }
}

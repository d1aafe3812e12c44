// Which rows of the list are selected, and which one has the keyboard cursor. Works on row
// indexes (the list is virtual) and keeps the ids, which survive a reload of the list.

export interface Modifiers {
  shift: boolean;
  /** Ctrl on Windows and Linux, Cmd on macOS. */
  toggle: boolean;
}

export class Selection {
  ids = $state.raw<Set<number>>(new Set());
  cursor = $state(-1);
  private anchor = -1;

  has(id: number): boolean {
    return this.ids.has(id);
  }

  get size(): number {
    return this.ids.size;
  }

  /** The one selected id, when exactly one is selected (what the reader shows). */
  get single(): number | null {
    return this.ids.size === 1 ? this.ids.values().next().value! : null;
  }

  /** A click on row `index`: plain selects it alone, toggle adds or removes it, shift extends from the anchor. */
  click(index: number, idAt: (i: number) => number | undefined, mods: Modifiers): void {
    const id = idAt(index);
    if (id === undefined) return;
    if (mods.shift && this.anchor >= 0) {
      const [a, b] = this.anchor < index ? [this.anchor, index] : [index, this.anchor];
      const next = mods.toggle ? new Set(this.ids) : new Set<number>();
      for (let i = a; i <= b; i++) {
        const x = idAt(i);
        if (x !== undefined) next.add(x);
      }
      this.ids = next;
    } else if (mods.toggle) {
      const next = new Set(this.ids);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      this.ids = next;
      this.anchor = index;
    } else {
      this.ids = new Set([id]);
      this.anchor = index;
    }
    this.cursor = index;
  }

  /** Moves the cursor by `delta` rows within `count`, selecting the row it lands on (extending with shift). */
  move(delta: number, count: number, idAt: (i: number) => number | undefined, extend = false): void {
    if (count === 0) return;
    const next = Math.min(count - 1, Math.max(0, (this.cursor < 0 ? -1 : this.cursor) + delta));
    if (extend) {
      if (this.anchor < 0) this.anchor = Math.max(0, this.cursor);
      this.click(next, idAt, { shift: true, toggle: false });
    } else {
      this.click(next, idAt, { shift: false, toggle: false });
    }
  }

  selectAll(ids: number[]): void {
    this.ids = new Set(ids);
  }

  clear(): void {
    this.ids = new Set();
    this.cursor = -1;
    this.anchor = -1;
  }

  /** Keeps only the ids still present after the list changed. */
  retain(present: (id: number) => boolean): void {
    this.ids = new Set([...this.ids].filter(present));
  }
}

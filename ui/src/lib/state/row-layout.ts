// Where the rows of the virtual list sit when a few of them are opened to show more below
// them (a story's other copies). Every row is `row` pixels high; an opened row adds its extra
// height. Opened rows are few, so each question walks them instead of a table of every row.

export interface Opened {
  index: number;
  extra: number;
}

export class RowLayout {
  /** Opened rows by index, ascending. */
  readonly opened: Opened[];

  constructor(
    readonly row: number,
    opened: Opened[] = [],
  ) {
    this.opened = opened.filter((o) => o.extra > 0).sort((a, b) => a.index - b.index);
  }

  /** The top of row `index`. */
  top(index: number): number {
    let y = index * this.row;
    for (const o of this.opened) {
      if (o.index >= index) break;
      y += o.extra;
    }
    return y;
  }

  /** The height of row `index`, with what it shows below it. */
  height(index: number): number {
    return this.row + (this.opened.find((o) => o.index === index)?.extra ?? 0);
  }

  /** The height of `count` rows. */
  total(count: number): number {
    return this.top(count);
  }

  /** The row at `y` pixels from the top (past the end for a `y` below the last row). */
  indexAt(y: number): number {
    let before = 0;
    for (const o of this.opened) {
      const top = o.index * this.row + before;
      if (y < top) break;
      if (y < top + this.row + o.extra) return o.index;
      before += o.extra;
    }
    return Math.max(0, Math.floor((y - before) / this.row));
  }
}

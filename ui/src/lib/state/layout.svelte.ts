// The widths of the sidebar and the list, kept between runs (the window's own size and place
// are kept by the window-state plugin on the Rust side).

const KEY = 'cuttings.panes';

export class PaneWidths {
  sidebar = $state(230);
  list = $state(440);

  constructor(private storage: Pick<Storage, 'getItem' | 'setItem'> | null) {
    try {
      const saved = JSON.parse(storage?.getItem(KEY) ?? 'null');
      if (saved && Number.isFinite(saved.sidebar) && Number.isFinite(saved.list)) {
        this.sidebar = Math.min(420, Math.max(170, saved.sidebar));
        this.list = Math.min(900, Math.max(300, saved.list));
      }
    } catch {
      // A damaged value is ignored: the defaults are fine.
    }
  }

  save(): void {
    this.storage?.setItem(KEY, JSON.stringify({ sidebar: this.sidebar, list: this.list }));
  }
}

// The changes that can be undone, newest last. Each entry holds the calls that reverse it.

export interface UndoEntry {
  label: string;
  undo: () => Promise<void>;
}

export class UndoStack {
  entries = $state<UndoEntry[]>([]);

  constructor(readonly limit = 50) {}

  push(entry: UndoEntry): void {
    this.entries = [...this.entries, entry].slice(-this.limit);
  }

  get last(): UndoEntry | undefined {
    return this.entries.at(-1);
  }

  /** Undoes the newest change; returns its label, or null when there is nothing to undo. */
  async undo(): Promise<string | null> {
    const entry = this.entries.at(-1);
    if (!entry) return null;
    this.entries = this.entries.slice(0, -1);
    await entry.undo();
    return entry.label;
  }
}

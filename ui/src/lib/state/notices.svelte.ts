// Short messages at the bottom of the window: what just happened (with Undo), or what failed and why.

export interface Notice {
  id: number;
  text: string;
  tone: 'info' | 'error';
  undo?: () => void;
}

export class Notices {
  items = $state<Notice[]>([]);
  private next = 1;

  /** Shows a message for `ms`; returns its id, so a "working…" message can go when the work ends. */
  show(text: string, tone: Notice['tone'] = 'info', undo?: () => void, ms = tone === 'error' ? 9000 : 5000): number {
    const id = this.next++;
    this.items = [...this.items.slice(-3), { id, text, tone, undo }];
    setTimeout(() => this.dismiss(id), ms);
    return id;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((n) => n.id !== id);
  }
}

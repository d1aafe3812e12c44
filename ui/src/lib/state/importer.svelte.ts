// The state of a running import, fed by the import events: progress, then a summary.

import type { ImportSummary, Progress } from '../bindings';

export class ImportState {
  running = $state(false);
  progress = $state<Progress | null>(null);
  summary = $state<ImportSummary | null>(null);
  error = $state<string | null>(null);
  cancelling = $state(false);

  start(): void {
    this.running = true;
    this.cancelling = false;
    this.progress = null;
    this.summary = null;
    this.error = null;
  }

  onProgress(p: Progress): void {
    this.running = true;
    this.progress = p;
  }

  finish(summary: ImportSummary | null, error: string | null): void {
    this.running = false;
    this.cancelling = false;
    this.summary = summary;
    this.error = error;
  }

  dismiss(): void {
    this.summary = null;
    this.error = null;
    this.progress = null;
  }

  /** 0..1, or null before the first file is counted. */
  get fraction(): number | null {
    const p = this.progress;
    return p && p.total > 0 ? p.done / p.total : null;
  }

  get headline(): string {
    const s = this.summary;
    if (this.error) return `The import could not run: ${this.error}`;
    if (!s) return '';
    const parts = [`${s.imported.length} imported`];
    if (s.already_present.length) parts.push(`${s.already_present.length} already in the library`);
    if (s.failed.length) parts.push(`${s.failed.length} failed`);
    if (s.skipped) parts.push(`${s.skipped} skipped`);
    return (s.cancelled ? 'Import cancelled: ' : 'Import finished: ') + parts.join(', ');
  }
}

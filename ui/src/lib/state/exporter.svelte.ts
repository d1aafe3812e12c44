// The Export… dialog's choices and the state of a running export, fed by the export events.

import type { ExportRequest, ExportSummary, Filter, Format, GroupBy, Progress, Sort } from '../bindings';
import { onlyIds } from './filters.svelte';

export interface FormatChoice {
  format: Format;
  label: string;
  /** Arranged as a report (cover, tables, contents), so grouping applies. */
  grouped: boolean;
}

export const FORMATS: FormatChoice[] = [
  { format: 'html', label: 'HTML report', grouped: true },
  { format: 'pdf', label: 'PDF report', grouped: true },
  { format: 'epub', label: 'EPUB e-book', grouped: true },
  { format: 'markdown', label: 'Markdown (one file per clipping)', grouped: false },
  { format: 'csv', label: 'CSV spreadsheet', grouped: false },
  { format: 'json', label: 'Cuttings JSON (everything, for another library)', grouped: false },
  { format: 'csl-json', label: 'CSL-JSON citations (Zotero)', grouped: false },
  { format: 'ris', label: 'RIS citations (EndNote, Zotero)', grouped: false },
];

/** The file ending a format is written with; Markdown is a folder unless zipped. */
export function extensionOf(format: Format, zip: boolean): string | null {
  switch (format) {
    case 'markdown':
      return zip ? 'zip' : null;
    case 'csl-json':
      return 'json';
    default:
      return format;
  }
}

/** `path` with its ending changed to the format's (or taken off, for a Markdown folder). */
export function withExtension(path: string, format: Format, zip: boolean): string {
  if (!path.trim()) return path;
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const dir = path.slice(0, slash + 1);
  const name = path.slice(slash + 1);
  const dot = name.lastIndexOf('.');
  const known = /^(html?|pdf|epub|zip|csv|json|ris|md)$/i;
  const stem = dot > 0 && known.test(name.slice(dot + 1)) ? name.slice(0, dot) : name;
  const ext = extensionOf(format, zip);
  return dir + (ext ? `${stem}.${ext}` : stem);
}

export type ExportScope = 'filter' | 'selection';

export class ExportState {
  open = $state(false);
  format = $state<Format>('html');
  groupBy = $state<GroupBy>('none');
  sort = $state<Sort>('date');
  scope = $state<ExportScope>('filter');
  title = $state('');
  output = $state('');
  bom = $state(false);
  /** HTML and PDF reports: a coverage section (clippings over time by source, top sources). */
  coverage = $state(false);
  zip = $state(true);
  overwrite = $state(false);

  running = $state(false);
  cancelling = $state(false);
  progress = $state<Progress | null>(null);
  summary = $state<ExportSummary | null>(null);
  error = $state<string | null>(null);
  /** The destination exists: the user may choose to replace it. */
  exists = $state(false);

  /** Opens the dialog for a collection, keeping the format and options chosen last time. */
  show(title: string, hasSelection: boolean): void {
    this.open = true;
    this.title = title;
    this.scope = hasSelection ? 'selection' : 'filter';
    this.summary = null;
    this.error = null;
    this.exists = false;
    this.overwrite = false;
    this.progress = null;
  }

  setFormat(format: Format): void {
    this.format = format;
    this.output = withExtension(this.output, format, this.zip);
  }

  setZip(zip: boolean): void {
    this.zip = zip;
    this.output = withExtension(this.output, this.format, zip);
  }

  get grouped(): boolean {
    return FORMATS.find((f) => f.format === this.format)?.grouped ?? false;
  }

  /** The request for the core: the list's filter, or only the selected ids. */
  request(filter: Filter, selection: number[]): ExportRequest {
    const chosen = this.scope === 'selection' && selection.length ? onlyIds(filter, selection) : filter;
    return {
      format: this.format,
      filter: chosen,
      sort: this.sort,
      group_by: this.grouped ? this.groupBy : 'none',
      title: this.title.trim() || null,
      output: this.output.trim(),
      bom: this.format === 'csv' && this.bom,
      zip: this.format === 'markdown' && this.zip,
      overwrite: this.overwrite,
      coverage: (this.format === 'html' || this.format === 'pdf') && this.coverage,
    };
  }

  start(): void {
    this.running = true;
    this.cancelling = false;
    this.progress = null;
    this.summary = null;
    this.error = null;
    this.exists = false;
  }

  onProgress(p: Progress): void {
    this.progress = p;
  }

  finish(summary: ExportSummary | null, error: { kind: string; message: string } | null): void {
    this.running = false;
    this.cancelling = false;
    this.summary = summary;
    this.error = error && error.kind !== 'cancelled' ? error.message : null;
    if (error?.kind === 'cancelled') this.error = 'Export cancelled; nothing was written.';
    this.exists = error?.kind === 'exists';
  }

  /** 0..1, or null before the clippings are counted. */
  get fraction(): number | null {
    const p = this.progress;
    return p && p.total > 0 ? p.done / p.total : null;
  }

  get headline(): string {
    const s = this.summary;
    if (!s) return '';
    const n = s.clippings === 1 ? '1 clipping' : `${s.clippings} clippings`;
    const files = s.files > 1 ? ` in ${s.files} files` : '';
    return `Exported ${n}${files} (${formatBytes(s.bytes)})`;
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

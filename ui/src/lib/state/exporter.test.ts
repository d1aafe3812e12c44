import { describe, expect, it } from 'vitest';
import type { Filter } from '../bindings';
import { ExportState, formatBytes, withExtension } from './exporter.svelte';

const filter: Filter = {
  text: 'Lavrov',
  tags: ['Syria'],
  tag_match: 'any',
  sources: ['SANA'],
  authors: [],
  places: [],
  from: '2015-01',
  to: null,
  include_undated: false,
  status: null,
  starred: null,
  scope: 'live',
  ids: null,
  group_copies: true,
};

describe('withExtension', () => {
  it('swaps a known ending for the format’s and leaves other dots alone', () => {
    expect(withExtension('/home/a/Syria.html', 'pdf', false)).toBe('/home/a/Syria.pdf');
    expect(withExtension('/home/a/Syria', 'csl-json', false)).toBe('/home/a/Syria.json');
    expect(withExtension('C:\\Users\\a\\Report v1.2.csv', 'ris', false)).toBe('C:\\Users\\a\\Report v1.2.ris');
    expect(withExtension('/home/a/Syria.zip', 'markdown', false)).toBe('/home/a/Syria');
    expect(withExtension('/home/a/Syria', 'markdown', true)).toBe('/home/a/Syria.zip');
    expect(withExtension('', 'pdf', false)).toBe('');
  });
});

describe('ExportState', () => {
  it('exports the list’s filter, or only the selection, with the options of its format', () => {
    const s = new ExportState();
    s.show('Syria', false);
    s.output = '/tmp/out.html';
    s.groupBy = 'source';
    s.bom = true;
    s.coverage = true;
    const r = s.request(filter, [4, 5]);
    expect(r.coverage).toBe(true); // an HTML report with its coverage section
    expect(r.filter).toEqual(filter);
    expect(r.group_by).toBe('source');
    expect(r.bom).toBe(false); // only CSV has a byte order mark
    expect(r.title).toBe('Syria');

    s.setFormat('csv');
    expect(s.output).toBe('/tmp/out.csv');
    expect(s.grouped).toBe(false);
    s.scope = 'selection';
    const sel = s.request(filter, [4, 5]);
    expect(sel.filter.ids).toEqual([4, 5]);
    expect(sel.filter.text).toBe('');
    expect(sel.filter.tags).toEqual([]);
    expect(sel.filter.scope).toBe('live');
    expect(sel.filter.group_copies).toBe(false); // copies picked by hand are all exported
    expect(sel.group_by).toBe('none');
    expect(sel.bom).toBe(true);
    expect(sel.coverage).toBe(false); // a spreadsheet has no charts
  });

  it('opens on the selection when there is one, and a blank title is left to the core', () => {
    const s = new ExportState();
    s.show('  ', true);
    expect(s.scope).toBe('selection');
    expect(s.request(filter, [1]).title).toBeNull();
  });

  it('tracks progress, then says what was written or why not', () => {
    const s = new ExportState();
    s.start();
    s.onProgress({ done: 50, total: 200, current: 'x' });
    expect(s.fraction).toBe(0.25);
    s.finish({ format: 'markdown', path: '/tmp/m', clippings: 200, files: 200, bytes: 2048 }, null);
    expect(s.running).toBe(false);
    expect(s.headline).toBe('Exported 200 clippings in 200 files (2.0 KB)');

    s.finish(null, { kind: 'exists', message: '/tmp/m: already exists; choose another name or allow overwriting it' });
    expect(s.exists).toBe(true);
    expect(s.error).toContain('already exists');
    s.finish(null, { kind: 'cancelled', message: 'cancelled' });
    expect(s.exists).toBe(false);
    expect(s.error).toBe('Export cancelled; nothing was written.');
  });

  it('writes sizes a person can read', () => {
    expect(formatBytes(12)).toBe('12 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});

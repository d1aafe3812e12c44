import { describe, expect, it } from 'vitest';
import type { Line, Series } from './bindings';
import { barOption, canStack, chartFileName, narrowingFor, notCharted, peak, rangeOf, tableRows, timeOption } from './coverage';

function line(name: string, kind: Line['kind'], counts: number[], extra: Partial<Line> = {}): Line {
  const total = counts.reduce((a, b) => a + b, 0) + (extra.coarser ?? 0) + (extra.undated ?? 0);
  return { name, kind, counts, share: counts.map(() => 0), coarser: 0, undated: 0, total, ...extra };
}

const buckets = ['2015-01', '2015-02', '2015-03'].map((k, i) => ({ key: k, label: ['Jan 2015', 'Feb 2015', 'Mar 2015'][i], from: `${k}-01`, to: `${k}-${['31', '28', '31'][i]}` }));

function series(by: Series['by'], adds_up: boolean): Series {
  const bbc = line('BBC', 'member', [2, 0, 1], { share: [0.5, 0, 0.5] });
  const other = line('Other', 'other', [2, 1, 1], { share: [0.5, 1, 0.5] });
  return {
    every: 'month',
    by,
    stories: false,
    buckets,
    all: line('All', 'all', [4, 1, 2], { coarser: 1, undated: 2 }),
    lines: [bbc, other],
    adds_up,
  };
}

describe('the time chart', () => {
  it('draws one line a source, stacks them only when they add up, and shares in per cent', () => {
    const s = series('source', true);
    const lines = timeOption(s, 'lines') as { series: { name: string; stack?: string; data: number[] }[] };
    expect(lines.series.map((x) => x.name)).toEqual(['BBC', 'Other']);
    expect(lines.series[0].stack).toBeUndefined();
    expect(lines.series[0].data).toEqual([2, 0, 1]);
    expect((lines as unknown as { legend: { selected: Record<string, boolean> } }).legend.selected).toEqual({ BBC: true, Other: false });
    const stacked = timeOption(s, 'stacked') as { series: { stack?: string }[] };
    expect(stacked.series[0].stack).toBe('total');
    const topics = series('topic', false);
    expect(canStack(topics)).toBe(false);
    expect((timeOption(topics, 'stacked') as { series: { stack?: string }[] }).series[0].stack).toBeUndefined();
    const share = timeOption(topics, 'share') as { series: { data: number[]; stack?: string }[]; yAxis: { max?: number } };
    expect(share.series[1].data).toEqual([50, 100, 50]);
    expect(share.series[0].stack).toBe('total');
    expect(share.yAxis.max).toBe(100);
  });

  it('draws the whole list alone when nothing splits it, and thins ten years of days', () => {
    const s = { ...series('none', false), lines: [] };
    const o = timeOption(s, 'lines') as { series: { name: string }[]; dataZoom: unknown[] };
    expect(o.series.map((x) => x.name)).toEqual(['All']);
    expect(o.dataZoom).toEqual([]);
    const long = { ...s, buckets: Array.from({ length: 3650 }, (_, i) => ({ ...buckets[0], key: String(i) })), all: line('All', 'all', Array(3650).fill(1)) };
    const lo = timeOption(long, 'lines') as { series: { sampling?: string; showSymbol: boolean }[]; dataZoom: unknown[]; animation: boolean };
    expect(lo.series[0].sampling).toBe('lttb');
    expect(lo.series[0].showSymbol).toBe(false);
    expect(lo.animation).toBe(false);
    expect(lo.dataZoom.length).toBe(1);
  });
});

describe('the bars and the table', () => {
  it('put the largest bar at the top and keep every figure in the table', () => {
    const two = series('source', true);
    two.lines.splice(1, 0, line('Reuters', 'member', [0, 5, 0]));
    const o = barOption(two) as { yAxis: { data: string[] }; series: { data: { value: number }[] }[] };
    // ECharts draws a category axis from the bottom up; "Other" is the table's alone.
    expect(o.yAxis.data).toEqual(['Reuters', 'BBC']);
    expect(o.series[0].data.map((d) => d.value)).toEqual([5, 3]);
    expect(notCharted(two)).toBe('Not in the chart: 1 dated less precisely than a month, 2 undated (in the table’s last rows).');
    const rows = tableRows(series('source', true));
    expect(rows.map((r) => r.key)).toEqual(['2015-01', '2015-02', '2015-03', 'coarser', 'undated', 'total']);
    expect(rows.at(-1)).toMatchObject({ all: 10, cells: [3, 4] });
  });

  it('name the peak period', () => {
    expect(peak(series('source', true))?.bucket.label).toBe('Jan 2015');
    expect(peak({ ...series('source', true), all: line('All', 'all', [0, 0, 0]) })).toBeNull();
  });
});

describe('clicks and drags', () => {
  it('narrow the list to the line and period clicked, and to the dates dragged across', () => {
    const s = series('source', true);
    expect(narrowingFor('source', s.lines[0], s.buckets[1], () => undefined)).toEqual({ source: 'BBC', from: '2015-02-01', to: '2015-02-28' });
    expect(narrowingFor('topic', { ...s.lines[0], name: 'Politics/Local' }, null, () => undefined)).toEqual({ tag: 'Politics/Local' });
    expect(narrowingFor('saved', { ...s.lines[0], name: 'Rail' }, null, (n) => (n === 'Rail' ? 'rail OR fares' : undefined))).toEqual({ query: 'rail OR fares' });
    // "Other" names no filter.
    expect(narrowingFor('source', s.lines[1], s.buckets[0], () => undefined)).toBeNull();
    expect(narrowingFor('none', null, s.buckets[2], () => undefined)).toEqual({ from: '2015-03-01', to: '2015-03-31' });
    expect(rangeOf(buckets, 2, 0)).toEqual({ from: '2015-01-01', to: '2015-03-31' });
    expect(rangeOf([], 0, 1)).toBeNull();
  });

  it('name a saved chart after its title and the day', () => {
    expect(chartFileName('Clippings per month by source', new Date(2026, 11, 7))).toBe('clippings-per-month-by-source-2026-12-07');
    expect(chartFileName('???', new Date(2026, 0, 2))).toBe('chart-2026-01-02');
  });
});

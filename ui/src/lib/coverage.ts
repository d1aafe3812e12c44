// The Analysis view's charts made from the core's coverage series: ECharts options for the
// time chart (lines, stacked areas, share of voice) and the top-N bars, the tables under them,
// and what a click or a drag on a chart asks of the list's filters. Figures are the core's;
// nothing is counted here.

import type { Bucket, Line, Series, Split } from './bindings';

export type ChartMode = 'lines' | 'stacked' | 'share';

/** A palette that reads on screen, in print and for most colour-blind readers; "Other" and
 *  "No source/topic" are greys so the named lines stand out. */
export const PALETTE = ['#1f5f8b', '#e07b39', '#2f9e7a', '#c2475a', '#6b58a6', '#c9a227', '#3fa7d6', '#8c6d4f', '#d16ba5', '#5c7d2e'];
export const OTHER_COLOUR = '#9aa3ad';
export const WITHOUT_COLOUR = '#c9ced4';
export const ALL_COLOUR = '#26323d';

export function colourOf(line: Line, i: number): string {
  if (line.kind === 'other') return OTHER_COLOUR;
  if (line.kind === 'without') return WITHOUT_COLOUR;
  if (line.kind === 'all') return ALL_COLOUR;
  return PALETTE[i % PALETTE.length];
}

const FONT = 'Inter, "Segoe UI", system-ui, -apple-system, sans-serif';

/** The lines a time chart draws: the split's lines, or the whole list alone. */
export function drawnLines(s: Series): Line[] {
  return s.lines.length ? s.lines : [s.all];
}

/** Whether stacking this series is honest: its lines add up to the whole (sources do,
 *  overlapping topics and saved searches do not). Share of voice is always honest: it is
 *  each line's part of the lines' sum. */
export function canStack(s: Series): boolean {
  return s.lines.length === 0 || s.adds_up;
}

/** The ECharts option for the series over time. */
export function timeOption(s: Series, mode: ChartMode, dark = false): Record<string, unknown> {
  const lines = drawnLines(s);
  const share = mode === 'share' && s.lines.length > 0;
  const stacked = share || (mode === 'stacked' && canStack(s));
  const many = s.buckets.length > 400;
  const text = dark ? '#d8dee4' : '#3a4652';
  const grid = dark ? '#3a4048' : '#e6e9ed';
  return {
    animation: !many,
    textStyle: { fontFamily: FONT, color: text },
    color: lines.map((l, i) => colourOf(l, i)),
    grid: { left: 48, right: 24, top: 44, bottom: many ? 64 : 36, containLabel: true },
    legend: {
      type: 'scroll',
      top: 0,
      left: 0,
      textStyle: { color: text },
      icon: 'roundRect',
      // As lines, "Other" and rows without a source or topic start hidden (a click on the
      // legend shows them): the sum of many small sources dwarfs the ones named.
      selected: Object.fromEntries(lines.map((l) => [l.name, stacked || l.kind === 'member' || l.kind === 'all'])),
    },
    tooltip: {
      trigger: 'axis',
      order: 'valueDesc',
      valueFormatter: (v: number | null) => (share ? `${(v ?? 0).toFixed(1)}%` : String(v ?? 0)),
    },
    toolbox: { show: false },
    brush: { toolbox: [], xAxisIndex: 0, brushStyle: { color: 'rgba(31,95,139,0.12)', borderColor: '#1f5f8b' } },
    dataZoom: many ? [{ type: 'slider', bottom: 8, height: 22 }] : [],
    xAxis: {
      type: 'category',
      data: s.buckets.map((b) => b.label),
      boundaryGap: !stacked && s.buckets.length < 40,
      axisLine: { lineStyle: { color: grid } },
      axisLabel: { color: text, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      max: share ? 100 : undefined,
      minInterval: share ? undefined : 1,
      axisLabel: { color: text, formatter: share ? '{value}%' : '{value}' },
      splitLine: { lineStyle: { color: grid } },
    },
    series: lines.map((l) => ({
      name: l.name,
      type: 'line',
      stack: stacked ? 'total' : undefined,
      areaStyle: stacked ? { opacity: 0.85 } : undefined,
      smooth: false,
      showSymbol: s.buckets.length <= 60,
      symbolSize: 6,
      sampling: many ? 'lttb' : undefined,
      lineWidth: 2,
      emphasis: { focus: 'series' },
      data: share ? l.share.map((v) => Math.round((v ?? 0) * 1000) / 10) : l.counts,
    })),
  };
}

/** The option for a bar chart of the named lines' totals, the largest at the top. "Other"
 *  and rows without a source or topic are left to the table: beside a hundred small sources
 *  their bar would flatten every other one. */
export function barOption(s: Series, dark = false): Record<string, unknown> {
  const lines = s.lines.filter((l) => l.kind === 'member').reverse();
  const text = dark ? '#d8dee4' : '#3a4652';
  const grid = dark ? '#3a4048' : '#e6e9ed';
  return {
    animation: true,
    textStyle: { fontFamily: FONT, color: text },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1, axisLabel: { color: text }, splitLine: { lineStyle: { color: grid } } },
    yAxis: {
      type: 'category',
      data: lines.map((l) => l.name),
      axisLabel: { color: text, width: 150, overflow: 'truncate' },
      axisLine: { lineStyle: { color: grid } },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 22,
        label: { show: true, position: 'right', color: text },
        data: lines.map((l, i) => ({
          value: l.total,
          name: l.name,
          itemStyle: { color: colourOf(l, lines.length - 1 - i), borderRadius: [0, 3, 3, 0] },
        })),
      },
    ],
  };
}

/** The table under a time chart: a row a period, then the rows no period holds. */
/** What the time chart leaves out, in words: rows dated less precisely than its interval and
 *  undated rows; empty when it shows everything. */
export function notCharted(s: Series): string {
  const parts: string[] = [];
  const fmt = (n: number) => n.toLocaleString('en-GB');
  if (s.all.coarser) parts.push(`${fmt(s.all.coarser)} dated less precisely than a ${s.every}`);
  if (s.all.undated) parts.push(`${fmt(s.all.undated)} undated`);
  return parts.length ? `Not in the chart: ${parts.join(', ')} (in the table’s last rows).` : '';
}

export function tableRows(s: Series): { label: string; all: number; cells: number[]; key: string }[] {
  const rows = s.buckets.map((b, i) => ({ key: b.key, label: b.label, all: s.all.counts[i], cells: s.lines.map((l) => l.counts[i]) }));
  if (s.all.coarser) rows.push({ key: 'coarser', label: 'Dated less precisely', all: s.all.coarser, cells: s.lines.map((l) => l.coarser) });
  if (s.all.undated) rows.push({ key: 'undated', label: 'Undated', all: s.all.undated, cells: s.lines.map((l) => l.undated) });
  rows.push({ key: 'total', label: 'Total', all: s.all.total, cells: s.lines.map((l) => l.total) });
  return rows;
}

/** The busiest period: the one with the most rows (the first of equals), or null. */
export function peak(s: Series): { bucket: Bucket; count: number } | null {
  let best = -1;
  s.all.counts.forEach((n, i) => {
    if (n > 0 && (best < 0 || n > s.all.counts[best])) best = i;
  });
  return best < 0 ? null : { bucket: s.buckets[best], count: s.all.counts[best] };
}

/** The date range from one period to another (indexes into the buckets, either order). */
export function rangeOf(buckets: Bucket[], a: number, b: number): { from: string; to: string } | null {
  const lo = Math.max(0, Math.min(a, b));
  const hi = Math.min(buckets.length - 1, Math.max(a, b));
  if (!buckets.length || lo > hi) return null;
  return { from: buckets[lo].from, to: buckets[hi].to };
}

/** What a click on a line (and maybe a period) asks of the list: the source, topic or saved
 *  search it stands for, and the period's dates. None for "Other" and rows without a source
 *  or topic, which no filter can name. */
export interface Narrowing {
  source?: string;
  tag?: string;
  query?: string;
  from?: string;
  to?: string;
}

export function narrowingFor(by: Split, line: Line | null, bucket: Bucket | null, savedQuery: (name: string) => string | undefined): Narrowing | null {
  const n: Narrowing = {};
  if (line && line.kind === 'member') {
    if (by === 'source') n.source = line.name;
    else if (by === 'topic') n.tag = line.name;
    else if (by === 'saved') {
      const q = savedQuery(line.name);
      if (q === undefined) return null;
      n.query = q;
    }
  } else if (line && line.kind !== 'all') {
    return null;
  }
  if (bucket) {
    n.from = bucket.from;
    n.to = bucket.to;
  }
  return Object.keys(n).length ? n : null;
}

/** A file name for a saved chart: its title and the day, in plain letters. */
export function chartFileName(title: string, today = new Date()): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${slug || 'chart'}-${today.getFullYear()}-${p(today.getMonth() + 1)}-${p(today.getDate())}`;
}

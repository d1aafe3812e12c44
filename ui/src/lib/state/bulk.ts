// Bulk actions on a selection, and the inverse that undoes each one. The inverse is worked out
// from the rows as they were before the change, and is itself a list of ordinary core calls.

import type { ClippingSummary, Status } from '../bindings';

export type BulkAction =
  | { kind: 'tag'; path: string }
  | { kind: 'untag'; path: string }
  | { kind: 'status'; status: Status }
  | { kind: 'date'; published: string | null }
  | { kind: 'star'; starred: boolean }
  | { kind: 'trash' }
  | { kind: 'restore' };

/** One core call, applied to some clippings. */
export type Op =
  | { kind: 'tag'; path: string; ids: number[] }
  | { kind: 'untag'; path: string; ids: number[] }
  | { kind: 'status'; status: Status; ids: number[] }
  | { kind: 'date'; published: string | null; ids: number[] }
  | { kind: 'star'; starred: boolean; ids: number[] }
  | { kind: 'trash'; ids: number[] }
  | { kind: 'restore'; ids: number[] };

export function forward(action: BulkAction, ids: number[]): Op {
  return { ...action, ids } as Op;
}

function groupBy<K>(rows: ClippingSummary[], key: (r: ClippingSummary) => K): Map<K, number[]> {
  const m = new Map<K, number[]>();
  for (const r of rows) {
    const k = key(r);
    m.set(k, [...(m.get(k) ?? []), r.id]);
  }
  return m;
}

/** Whether a clipping carries exactly this tag (not just a child of it). */
function carries(r: ClippingSummary, path: string): boolean {
  return r.tags.some((t) => t.toLowerCase() === path.toLowerCase());
}

/** The calls that put `before` back as it was after `action`. */
export function inverse(action: BulkAction, before: ClippingSummary[]): Op[] {
  const ids = before.map((r) => r.id);
  switch (action.kind) {
    case 'tag': {
      const added = before.filter((r) => !carries(r, action.path)).map((r) => r.id);
      return added.length ? [{ kind: 'untag', path: action.path, ids: added }] : [];
    }
    case 'untag': {
      const had = before.filter((r) => carries(r, action.path)).map((r) => r.id);
      return had.length ? [{ kind: 'tag', path: action.path, ids: had }] : [];
    }
    case 'status':
      return [...groupBy(before, (r) => r.status)].map(([status, ids]) => ({ kind: 'status', status, ids }));
    case 'date':
      return [...groupBy(before, (r) => r.published ?? null)].map(([published, ids]) => ({
        kind: 'date',
        published,
        ids,
      }));
    case 'star':
      return [...groupBy(before, (r) => r.starred)].map(([starred, ids]) => ({ kind: 'star', starred, ids }));
    case 'trash':
      return [{ kind: 'restore', ids }];
    case 'restore':
      return [{ kind: 'trash', ids }];
  }
}

export function describe(action: BulkAction, n: number): string {
  const what = n === 1 ? '1 clipping' : `${n} clippings`;
  switch (action.kind) {
    case 'tag':
      return `Tagged ${what} “${action.path}”`;
    case 'untag':
      return `Removed “${action.path}” from ${what}`;
    case 'status':
      return `Moved ${what} to ${action.status}`;
    case 'date':
      return `Set the date of ${what}`;
    case 'star':
      return action.starred ? `Starred ${what}` : `Unstarred ${what}`;
    case 'trash':
      return `Moved ${what} to the trash`;
    case 'restore':
      return `Restored ${what}`;
  }
}

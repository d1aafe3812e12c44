// Bulk actions on a selection, as the core's `BulkChange`: the core applies one and returns
// what undoes it (the values each clipping held before), so undo restores exactly what was
// there, a date's origin included. Only the words a notice shows are worked out here.

import type { BulkChange } from '../bindings';

export type BulkAction = BulkChange;

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

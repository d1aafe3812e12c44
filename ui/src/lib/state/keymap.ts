// The keyboard shortcuts, as data: what each key does, and the list `?` shows.

export type Action =
  | 'down'
  | 'up'
  | 'extendDown'
  | 'extendUp'
  | 'open'
  | 'search'
  | 'tag'
  | 'note'
  | 'star'
  | 'accept'
  | 'trash'
  | 'help'
  | 'selectAll'
  | 'undo'
  | 'escape';

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export const SHORTCUTS: { keys: string; does: string }[] = [
  { keys: '↓ / j', does: 'Next clipping' },
  { keys: '↑ / k', does: 'Previous clipping' },
  { keys: 'Shift + ↓ / ↑', does: 'Extend the selection' },
  { keys: 'Enter', does: 'Open in the reader' },
  { keys: '/', does: 'Search' },
  { keys: 't', does: 'Tag the selection' },
  { keys: 'n', does: 'Add a note' },
  { keys: 's', does: 'Star or unstar' },
  { keys: 'a', does: 'File under the suggested topics (the ticked ones)' },
  { keys: 'Delete', does: 'Move to the trash' },
  { keys: 'Ctrl/Cmd + A', does: 'Select all' },
  { keys: 'Ctrl/Cmd + Z', does: 'Undo the last change' },
  { keys: 'Ctrl/Cmd + V', does: 'New clipping from copied text, or fetch a copied link' },
  { keys: 'Ctrl/Cmd + L', does: 'Add a clipping from a link' },
  { keys: 'Ctrl/Cmd + E', does: 'Export the clippings shown or selected' },
  { keys: 'Ctrl/Cmd + I', does: 'Import files' },
  { keys: 'Ctrl/Cmd + Shift + A', does: 'Show or hide the Analysis view (coverage charts of the list)' },
  { keys: 'Esc', does: 'Close a dialog or clear the selection' },
  { keys: '?', does: 'This list' },
];

/**
 * The action for a key press, or null. In a text field only Escape is taken, so typing a
 * `t` or `/` into a field never fires a shortcut.
 */
export function actionFor(e: KeyInput, inTextField: boolean): Action | null {
  if (e.key === 'Escape') return 'escape';
  if (inTextField) return null;
  const mod = e.ctrlKey || e.metaKey;
  if (mod && !e.altKey) {
    // Ctrl+Shift+A is the menu's (View > Analysis).
    if ((e.key === 'a' || e.key === 'A') && !e.shiftKey) return 'selectAll';
    if ((e.key === 'z' || e.key === 'Z') && !e.shiftKey) return 'undo';
    return null;
  }
  if (e.altKey) return null;
  switch (e.key) {
    case 'ArrowDown':
      return e.shiftKey ? 'extendDown' : 'down';
    case 'ArrowUp':
      return e.shiftKey ? 'extendUp' : 'up';
    case 'j':
      return 'down';
    case 'k':
      return 'up';
    case 'J':
      return 'extendDown';
    case 'K':
      return 'extendUp';
    case 'Enter':
      return 'open';
    case '/':
      return 'search';
    case 't':
      return 'tag';
    case 'n':
      return 'note';
    case 's':
      return 'star';
    case 'a':
      return 'accept';
    case 'Delete':
    case 'Backspace':
      return 'trash';
    case '?':
      return 'help';
    default:
      return null;
  }
}

/** Whether keys typed at `el` belong to a text field rather than to the shortcuts. */
export function isTextField(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(type);
  }
  return (el as HTMLElement).isContentEditable === true;
}

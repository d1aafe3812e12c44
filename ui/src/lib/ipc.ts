// What the UI needs around the generated bindings: errors in words, whatever shape they came in.

export interface IpcErrorLike {
  kind: string;
  message: string;
}

function isIpcError(e: unknown): e is IpcErrorLike {
  return typeof e === 'object' && e !== null && 'kind' in e && 'message' in e;
}

/** A failure as a sentence a user can act on: the core's message, or the framework's text. */
export function errorText(e: unknown): string {
  if (isIpcError(e)) return e.message;
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  return 'Something went wrong, and no reason was given.';
}

export function errorKind(e: unknown): string {
  return isIpcError(e) ? e.kind : 'app';
}

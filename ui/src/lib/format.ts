// How clipping fields read on screen. Pure functions, so the list, the reader and the tests agree.
// Dates are the core's to word (`date_label` on each row, `label` on each month).

export interface Segment {
  text: string;
  hit: boolean;
}

/** Splits a snippet on the core's hit markers (\u0002 … \u0003) so hits can be drawn as <mark> around plain text. */
export function snippetSegments(snippet: string): Segment[] {
  const out: Segment[] = [];
  let hit = false;
  let buf = '';
  for (const ch of snippet) {
    if (ch === '\u0002' || ch === '\u0003') {
      if (buf) out.push({ text: buf, hit });
      buf = '';
      hit = ch === '\u0002';
    } else {
      buf += ch;
    }
  }
  if (buf) out.push({ text: buf, hit });
  return out;
}

/** Paragraphs of a plain-text body: split on blank lines, single line breaks kept inside. */
export function paragraphs(body: string): string[] {
  return body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** Authors as one editable line and back; the core stores them as an ordered list. */
export function authorsToText(authors: string[]): string {
  return authors.join('; ');
}

export function textToAuthors(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** A web address and nothing else: pasted, it is fetched rather than read as article text. */
export function looksLikeLink(text: string): boolean {
  return /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(text.trim());
}

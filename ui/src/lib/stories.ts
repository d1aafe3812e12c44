// How stories read on screen: the words for a story's copies and for what one copy changes.
// Which clippings are copies of one another, and what each adds or leaves out, is the core's
// to decide (`storyOf`, `copies` and `story_sources` on each row); these only word it.

import type { Source, StoryCopy, StoryCounts, Tag } from './bindings';
import { plural } from './format';

/** "carried by 3 outlets" when every copy is from an outlet of its own; else the copies
 *  ("3 copies", "3 copies from 2 outlets"), since the same outlet can run a story twice and
 *  a copy pasted without a source has none. */
export function carriedBy(copies: number, sources: number): string {
  if (sources >= copies && copies > 1) return `carried by ${copies.toLocaleString('en-GB')} outlets`;
  if (sources > 1) return `${plural(copies, 'copy', 'copies')} from ${sources.toLocaleString('en-GB')} outlets`;
  return plural(copies, 'copy', 'copies');
}

/** A sentence as the copy writes it, shortened for a line of the story view: cut at a word
 *  before `max` characters, with an ellipsis. */
export function shorten(sentence: string, max = 90): string {
  const raised = sentence.trim().replace(/\s+/g, ' ');
  if (raised.length <= max) return raised;
  const cut = raised.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const end = space > max / 2 ? cut.slice(0, space) : cut;
  return `${end.replace(/[\s,;:.–—-]+$/, '')}…`;
}

/** What a copy changes against the lead, in words: nothing for the lead itself. */
export function leftOut(words: number): string | null {
  return words > 0 ? `leaves out ${plural(words, 'word')} of the lead` : null;
}

/** The copies to list under a row or in the reader: every copy but `id` itself, the trash left out. */
export function otherCopies(copies: StoryCopy[], id: number): StoryCopy[] {
  return copies.filter((c) => c.id !== id && !c.deleted);
}

/** The list's count: stories while copies are grouped, else clippings. */
export function countLabel(total: number, grouped: boolean): string {
  return grouped ? plural(total, 'story', 'stories') : plural(total, 'clipping');
}

/** The topic tree and the sources with the core's story counts in place of clipping counts
 *  (a topic or source with none outside the trash counts 0). */
export function withStoryCounts(tags: Tag[], sources: Source[], counts: StoryCounts): { tags: Tag[]; sources: Source[] } {
  const byTag = new Map(counts.tags);
  const bySource = new Map(counts.sources);
  return {
    tags: tags.map((t) => ({ ...t, total: byTag.get(t.id) ?? 0 })),
    sources: sources.map((s) => ({ ...s, count: bySource.get(s.id) ?? 0 })),
  };
}

// Topic suggestions as the window shows them. Which topics are offered, how likely each is and
// which are ticked is the core's to decide (`suggestTopics`); these only word them, pick the
// chips to show, say what "Accept suggestions" did, and keep the background learning to one
// run at a time, a moment after the last change to the filing.

import type { BulkChange, TopicSuggestion } from './bindings';
import { plural } from './format';

/** A likeness as the tooltip shows it: two decimals, or nothing when the core gave none. */
export function scoreText(score: number | null | undefined): string | null {
  if (score === null || score === undefined || !Number.isFinite(score)) return null;
  return `score ${score.toFixed(2)}`;
}

/** Why a topic is offered: "Suggested from: envoy, talks, ceasefire". */
export function explain(topic: TopicSuggestion): string {
  const words = topic.why.map((w) => w.trim()).filter((w) => w.length > 0);
  return words.length ? `Suggested from: ${words.join(', ')}` : 'Suggested from the clipping’s words as a whole';
}

/** The second line of the tooltip: how likely, and the score. */
export function likelihood(topic: TopicSuggestion): string {
  const how = topic.suggested ? 'Likely' : 'Less likely';
  const score = scoreText(topic.score);
  return score ? `${how} · ${score}` : how;
}

/** The whole explanation on one line, for a `title` or a screen reader. */
export function describeSuggestion(topic: TopicSuggestion): string {
  return `${explain(topic)} (${likelihood(topic).toLowerCase()})`;
}

/** The chips to show after a clipping's tags: none it already has (a tag added meanwhile),
 *  each topic once, the core's order kept (the likeliest first). */
export function chipsFor(topics: TopicSuggestion[], tags: readonly string[]): TopicSuggestion[] {
  const have = new Set(tags.map((t) => t.toLowerCase()));
  const seen = new Set<string>();
  const out: TopicSuggestion[] = [];
  for (const t of topics) {
    const key = t.tag.toLowerCase();
    if (have.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

/** The topics offered ticked: what "Accept suggestions" files a clipping under. */
export function ticked(topics: TopicSuggestion[]): string[] {
  return topics.filter((t) => t.suggested).map((t) => t.tag);
}

/** What "Accept suggestions" did, in words, and how many clippings it filed.
 *  `asked`: how many clippings it was asked to file. */
export function acceptedText(applied: [number, string[]][], asked: number): { filed: number; text: string } {
  const filed = applied.filter(([, tags]) => tags.length > 0);
  if (!filed.length) {
    const text =
      asked === 1
        ? 'No suggested topic is likely enough to file this clipping under'
        : `No suggested topic is likely enough to file any of the ${asked.toLocaleString('en-GB')} clippings under`;
    return { filed: 0, text };
  }
  const topics = new Set(filed.flatMap(([, tags]) => tags));
  if (filed.length === 1 && topics.size === 1) return { filed: 1, text: `Filed 1 clipping under “${[...topics][0]}”` };
  if (filed.length === 1) return { filed: 1, text: `Filed 1 clipping under ${plural(topics.size, 'suggested topic')}` };
  if (topics.size === 1) return { filed: filed.length, text: `Filed ${plural(filed.length, 'clipping')} under “${[...topics][0]}”` };
  return { filed: filed.length, text: `Filed ${plural(filed.length, 'clipping')} under their suggested topics` };
}

/** Whether a bulk change can change what the topics are learned from (the tags outside the
 *  trash) or which inbox clippings are offered a topic. */
export function changesFiling(change: BulkChange): boolean {
  return change.kind === 'tag' || change.kind === 'untag' || change.kind === 'trash' || change.kind === 'restore' || change.kind === 'status';
}

export interface Timers {
  set: (f: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

const realTimers: Timers = {
  set: (f, ms) => setTimeout(f, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * A job run in the background a moment after the last request for it (`request`), or at
 * once (`now`); never two at a time: a request while it runs makes it run once more after.
 * Nothing awaits it; its failures are the job's own to handle.
 */
export class Debounced {
  private timer: unknown = null;
  private running = false;
  private again = false;

  constructor(
    private readonly job: () => Promise<void>,
    readonly delay = 1500,
    private readonly timers: Timers = realTimers,
  ) {}

  /** Runs the job `delay` ms after the last call. */
  request(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = null;
      this.start();
    }, this.delay);
  }

  /** Runs the job now (or once more after the run under way). */
  now(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.start();
  }

  cancel(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.again = false;
  }

  get busy(): boolean {
    return this.running || this.timer !== null;
  }

  private start(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.job()
      .catch(() => {})
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.start();
        }
      });
  }
}

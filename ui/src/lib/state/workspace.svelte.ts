// The window's state and the actions on it. Every change goes through a generated command;
// this class only decides what to reload afterwards and what the undo of a change is.

import {
  commands,
  type Clipping,
  type ClippingDraft,
  type ClippingPatch,
  type ClippingSummary,
  type ExportSummary,
  type Source,
  type SavedSearch,
  type Stats,
  type StoryCounts,
  type Tag,
  type Timeline,
  type TopicModelStatus,
} from '../bindings';
import { errorKind, errorText } from '../ipc';
import { Debounced, acceptedText, changesFiling } from '../suggestions';
import { plural } from '../format';
import { describe as describeAction, type BulkAction } from './bulk';
import { FilterState } from './filters.svelte';
import { ExportState } from './exporter.svelte';
import { ImportState } from './importer.svelte';
import { Notices } from './notices.svelte';
import { PagedList } from './paged-list.svelte';
import { Selection } from './selection.svelte';
import { UndoStack } from './undo.svelte';

/** What the sidebar shows, each from its own command. */
export type SidebarPart = 'stats' | 'tags' | 'sources' | 'saved';
const SIDEBAR_PARTS: readonly SidebarPart[] = ['stats', 'tags', 'sources', 'saved'];

export interface DragState {
  ids: number[];
  label: string;
  x: number;
  y: number;
  overTag: string | null;
}

/** How long after the last change to the filing the topics are learned again (ms). */
export const LEARN_DELAY = 1500;

export class Workspace {
  libraryPath = $state('');
  stats = $state<Stats | null>(null);
  tags = $state<Tag[]>([]);
  sources = $state<Source[]>([]);
  saved = $state<SavedSearch[]>([]);
  timeline = $state<Timeline | null>(null);
  /** The sidebar's counts in stories, while copies are grouped. */
  storyCounts = $state<StoryCounts | null>(null);
  /** Bumped when a story changed (a copy split, kept, merged), so the views of stories reload. */
  storyVersion = $state(0);
  reader = $state<Clipping | null>(null);
  /** What the topic model knows (none before it is first read): no topics, no suggestions. */
  topicModel = $state<TopicModelStatus | null>(null);
  /** The library files what arrives under the topics offered ticked, marked for review. */
  fileOnArrival = $state(false);
  /** Bumped when the topics were learned again, so the reader's suggestions reload. */
  suggestVersion = $state(0);
  pasteDraft = $state<ClippingDraft | null>(null);
  showShortcuts = $state(false);
  /** The Analysis view in place of the reader: coverage charts of the list's filters. */
  analysis = $state(false);
  drag = $state<DragState | null>(null);

  readonly filter = new FilterState();
  readonly selection = new Selection();
  readonly undo = new UndoStack();
  readonly notices = new Notices();
  readonly importer = new ImportState();
  readonly exporter = new ExportState();
  readonly list = new PagedList<ClippingSummary>(async (offset, limit, withTotal) =>
    commands.search(this.filter.toFilter(), this.filter.sort, offset, limit, withTotal),
  );
  /** Why the last learning failed, already shown. */
  private learnFailure: string | null = null;
  /** Learning the topics, in the background a moment after the last change to the filing. */
  private readonly learning = new Debounced(() => this.learn(), LEARN_DELAY);

  /** Runs `f`, showing its failure as a notice instead of letting it vanish. */
  async attempt<T>(f: () => Promise<T>): Promise<T | undefined> {
    try {
      return await f();
    } catch (e) {
      this.notices.show(errorText(e), 'error');
      return undefined;
    }
  }

  async init(): Promise<void> {
    await this.attempt(async () => {
      this.libraryPath = await commands.libraryPath();
      this.filter.groupCopies = await commands.groupCopies();
    });
    await Promise.all([this.refreshSidebar(), this.reload(), this.readTopicModel()]);
    // Once on opening a library: the filing may have changed since (the CLI, another copy).
    this.learnFailure = null;
    this.learning.now();
  }

  private async readTopicModel(): Promise<void> {
    try {
      this.topicModel = await commands.topicModelStatus();
    } catch {
      // Suggestions are an extra: without the model's status the reader offers none.
      this.topicModel = null;
    }
    try {
      this.fileOnArrival = await commands.filesOnArrival();
    } catch {
      this.fileOnArrival = false;
    }
  }

  /** The filing changed (tags, the trash, the inbox, new clippings): the topics are learned
   *  again a moment after the last such change, in the background. */
  learnSoon(): void {
    this.learning.request();
  }

  /** Learns the topics again (or only works out the inbox's offers again, the core decides),
   *  then the reader's suggestions reload, and the list too while it shows "Has suggestions".
   *  Nothing waits for it; one already under way (a "conflict") is left to finish. */
  private async learn(): Promise<void> {
    let status: TopicModelStatus;
    try {
      status = await commands.learnTopics();
    } catch (e) {
      if (errorKind(e) === 'conflict') return;
      // Said once, not after every change while it keeps failing for the same reason.
      const text = `The topics could not be learned: ${errorText(e)}`;
      if (text !== this.learnFailure) this.notices.show(text, 'error');
      this.learnFailure = text;
      return;
    }
    this.learnFailure = null;
    this.topicModel = status;
    this.suggestVersion += 1;
    // The offers changed: the list shows what is offered now. The reader keeps its clipping
    // even if the list no longer shows it (it was just filed).
    if (this.filter.suggested) await this.reloadList();
  }

  /** Reloads the sidebar's counts and lists, or only the `parts` a change can have touched:
   *  the topic tree's totals read every tag of every clipping (160 ms at 100,000 clippings),
   *  which an edit of a title or a date has no reason to wait for. */
  async refreshSidebar(parts: readonly SidebarPart[] = SIDEBAR_PARTS): Promise<void> {
    await this.attempt(async () => {
      const want = (part: SidebarPart) => parts.includes(part);
      // Whatever changes a count of clippings can change a count of stories.
      const stories = this.filter.groupCopies && (want('stats') || want('tags') || want('sources'));
      const [stats, tags, sources, saved, counts] = await Promise.all([
        want('stats') ? commands.stats() : null,
        want('tags') ? commands.tags() : null,
        want('sources') ? commands.sources() : null,
        want('saved') ? commands.savedSearches() : null,
        stories ? commands.storyCounts() : null,
      ]);
      if (stats) this.stats = stats;
      if (tags) this.tags = tags;
      if (sources) this.sources = sources;
      if (saved) this.saved = saved;
      if (counts) this.storyCounts = counts;
    });
  }

  /** The list and the timeline for the current filter; the selection keeps what is still shown. */
  async reload(): Promise<void> {
    await this.reloadList();
    await this.loadReader();
  }

  private async reloadList(): Promise<void> {
    await this.list.reset();
    if (this.list.error) this.notices.show(this.list.error, 'error');
    const keep = new Set<number>();
    for (const items of this.list.pages.values()) for (const r of items) keep.add(r.id);
    this.selection.retain((id) => keep.has(id));
    await this.attempt(async () => {
      this.timeline = await commands.timeline({ ...this.filter.toFilter(), from: null, to: null });
    });
  }

  async refreshAll(): Promise<void> {
    await Promise.all([this.refreshSidebar(), this.reload()]);
  }

  /** Shows the one selected clipping in the reader (or nothing with none or several). */
  async loadReader(): Promise<void> {
    const id = this.selection.single;
    if (id === null) {
      this.reader = null;
      return;
    }
    if (this.reader?.id === id) return;
    await this.attempt(async () => {
      this.reader = await commands.clipping(id);
    });
  }

  /** Opens a clipping in the reader, selected in the list if the list shows it (a story's
   *  other copies, grouped away, and related reporting may not be there). */
  async open(id: number): Promise<void> {
    const index = this.list.indexOf(id);
    if (index >= 0) this.selection.click(index, this.list.idAt, { shift: false, toggle: false });
    else {
      this.selection.clear();
      this.selection.selectAll([id]);
    }
    await this.attempt(async () => {
      this.reader = await commands.clipping(id);
    });
  }

  /** Turns "Group copies" on or off; the library remembers it. The list reloads on the
   *  filter's change, like any other. */
  async setGroupCopies(on: boolean): Promise<void> {
    this.filter.groupCopies = on;
    if (!on) this.storyCounts = null;
    await this.attempt(() => commands.setGroupCopies(on));
    if (on) await this.refreshSidebar(['stats']);
  }

  /** A change to stories (split, merge, keep): the counts, the list and every view of a story
   *  reload, and the reader stays on the clipping it shows. */
  async storyChange(f: () => Promise<unknown>, done: string): Promise<boolean> {
    if ((await this.attempt(f)) === undefined) return false;
    this.notices.show(done);
    await this.afterStoryChange();
    return true;
  }

  private async afterStoryChange(): Promise<void> {
    this.storyVersion += 1;
    const open = this.selection.size > 1 ? null : (this.reader?.id ?? null);
    await Promise.all([this.refreshSidebar(['stats', 'tags', 'sources']), this.reloadList()]);
    if (open !== null) await this.open(open);
  }

  /** Takes a copy out of its story; undone (from its notice too) by merging it back into a
   *  copy it was with. */
  async splitCopy(id: number, backInto: number | null): Promise<void> {
    if ((await this.attempt(() => commands.splitCopy(id))) === undefined) return;
    let undo: (() => void) | undefined;
    if (backInto !== null) {
      this.undo.push({
        label: 'Split a copy from its story',
        undo: async () => {
          await commands.mergeStories([backInto, id]);
        },
      });
      undo = () => void this.undoLast();
    }
    this.notices.show('Split the copy into a story of its own', 'info', undo);
    await this.afterStoryChange();
  }

  /** Makes this copy the one that stands for its story; undone by the copy kept before, or
   *  by none. */
  async keepCopy(id: number): Promise<void> {
    const before = await this.attempt(() => commands.storyOf(id));
    if (!before) return;
    const was = before.copies.find((c) => c.kept)?.id ?? null;
    if ((await this.attempt(() => commands.keepCopy(id))) === undefined) return;
    const label = 'This copy now stands for its story';
    this.undo.push({
      label: 'Keep a copy',
      undo: async () => {
        await (was !== null ? commands.keepCopy(was) : commands.unkeepCopy(id));
        await this.afterStoryChange();
      },
    });
    this.notices.show(label, 'info', () => void this.undoLast());
    await this.afterStoryChange();
  }

  /** Merges the stories of the selected clippings into the first one's; undone (from its
   *  notice too) with what the core returned. */
  async mergeStories(ids = this.targetIds): Promise<void> {
    if (ids.length < 2) return;
    const merged = await this.attempt(() => commands.mergeStories(ids));
    if (!merged) return;
    const label = `Merged the stories of ${ids.length} clippings into one`;
    this.undo.push({
      label,
      undo: async () => {
        await commands.undoMerge(merged.undo);
        await this.afterStoryChange();
      },
    });
    this.notices.show(label, 'info', () => void this.undoLast());
    this.storyVersion += 1;
    await Promise.all([this.refreshSidebar(['stats', 'tags', 'sources']), this.reloadList()]);
    // The reader shows the story they now make, from the clipping the others joined.
    await this.open(ids[0]);
  }

  /** Ids the actions apply to: the selection, or the clipping in the reader. */
  get targetIds(): number[] {
    if (this.selection.size) return [...this.selection.ids];
    return this.reader ? [this.reader.id] : [];
  }

  async selectAll(): Promise<void> {
    await this.attempt(async () => {
      this.selection.selectAll(await commands.matchingIds(this.filter.toFilter(), this.filter.sort));
    });
    await this.loadReader();
  }

  async update(id: number, patch: ClippingPatch): Promise<boolean> {
    const updated = await this.attempt(() => commands.updateClipping(id, patch));
    if (!updated) return false;
    this.reader = updated;
    this.list.patch(id, (row) => ({
      ...row,
      title: updated.title,
      source: updated.source,
      published: updated.published,
      date_precision: updated.date_precision,
      place: updated.place,
      status: updated.status,
      starred: updated.starred,
      tags: updated.tags,
    }));
    // Out of the inbox or into it: the clippings offered a topic change.
    if (patch.status != null) this.learnSoon();
    // Status, star, date and source change counts; an edit never changes the topic tree.
    await this.refreshSidebar(['stats', 'sources']);
    return true;
  }

  /** Applies a change to several clippings and records how to undo it. */
  async bulk(action: BulkAction, ids = this.targetIds): Promise<void> {
    if (!ids.length) return;
    const ok = await this.attempt(async () => {
      const undo = await commands.applyBulk(ids, action);
      const label = describeAction(action, ids.length);
      this.undo.push({
        label,
        undo: async () => {
          await commands.undoBulk(undo);
        },
      });
      return label;
    });
    if (ok === undefined) return;
    this.notices.show(ok, 'info', () => void this.undoLast());
    if (changesFiling(action)) this.learnSoon();
    if (this.reader && ids.includes(this.reader.id)) this.reader = null;
    await this.refreshAll();
  }

  async undoLast(): Promise<void> {
    const label = await this.attempt(() => this.undo.undo());
    if (label) this.notices.show(`Undone: ${label}`);
    else if (label === null) this.notices.show('Nothing to undo');
    if (label) this.learnSoon();
    this.reader = null;
    this.storyVersion += 1;
    await this.refreshAll();
  }

  async addNote(body: string): Promise<void> {
    const r = this.reader;
    if (!r || !body.trim()) return;
    if (await this.attempt(() => commands.addNote(r.id, body))) await this.reopen(r.id);
  }

  async editNote(id: number, body: string): Promise<void> {
    if (this.reader && (await this.attempt(() => commands.editNote(id, body)))) await this.reopen(this.reader.id);
  }

  async deleteNote(id: number): Promise<void> {
    if (!this.reader) return;
    await this.attempt(() => commands.deleteNote(id));
    await this.reopen(this.reader.id);
  }

  private async reopen(id: number): Promise<void> {
    await this.attempt(async () => {
      this.reader = await commands.clipping(id);
    });
  }

  /** Tags the reader's clipping (one tag added in the tag editor). */
  async tagReader(path: string): Promise<void> {
    const r = this.reader;
    if (!r) return;
    if ((await this.attempt(() => commands.tagClippings([r.id], path))) === undefined) return;
    this.learnSoon();
    await this.reopen(r.id);
    this.list.patch(r.id, (row) => ({ ...row, tags: this.reader?.tags ?? row.tags }));
    await this.refreshSidebar(['stats', 'tags']);
  }

  /** Turns filing on arrival on or off for this library. */
  async setFileOnArrival(on: boolean): Promise<void> {
    if ((await this.attempt(() => commands.setFilesOnArrival(on))) === undefined) return;
    this.fileOnArrival = on;
    this.notices.show(
      on
        ? 'New clippings will be filed under their likely topics, marked for review (is:auto-tagged).'
        : 'New clippings will be offered topics, not filed.',
    );
  }

  /** Keeps the topics put on the selection as it arrived (a day's review of is:auto-tagged). */
  async keepAutoTags(ids = this.targetIds): Promise<void> {
    if (!ids.length) return;
    const kept = await this.attempt(() => commands.keepAutoTags(ids));
    if (kept === undefined) return;
    this.notices.show(kept ? `Kept ${plural(kept, 'topic')} put on as the clippings arrived` : 'None of them has a topic put on as it arrived');
    if (!kept) return;
    this.learnSoon();
    const open = this.selection.size > 1 ? null : (this.reader?.id ?? null);
    await this.reloadList();
    if (open !== null) await this.reopen(open);
  }

  /** Keeps the topics put on the reader's clipping as it arrived: they become the user's
   *  filing (and teach the model). */
  async keepReaderAutoTags(): Promise<void> {
    const r = this.reader;
    if (!r) return;
    if ((await this.attempt(() => commands.keepAutoTags([r.id]))) === undefined) return;
    this.learnSoon();
    await this.reopen(r.id);
  }

  /** Files the reader's clipping under every topic offered ticked ("a"); undoable. */
  async acceptReaderSuggestions(): Promise<void> {
    const r = this.reader;
    if (r && !r.deleted_at) await this.acceptSuggestions([r.id]);
  }

  /** "Accept suggestions": files each clipping under its topics offered ticked, and records
   *  how to put them back (the core's undo entries, undone newest first). */
  async acceptSuggestions(ids = this.targetIds): Promise<void> {
    if (!ids.length) return;
    if (this.topicModel && !this.topicModel.topics) {
      this.notices.show('No topics to suggest yet: file a few clippings under each topic, and Cuttings suggests it for the others');
      return;
    }
    const done = await this.attempt(() => commands.acceptSuggestions(ids));
    if (!done) return;
    const { filed, text } = acceptedText(done.applied, ids.length);
    if (!filed) {
      this.notices.show(text);
      return;
    }
    const undo = [...done.undo].reverse();
    this.undo.push({
      label: text,
      undo: async () => {
        for (const u of undo) await commands.undoBulk(u);
      },
    });
    this.notices.show(text, 'info', () => void this.undoLast());
    this.learnSoon();
    const open = this.selection.size > 1 ? null : (this.reader?.id ?? null);
    await Promise.all([this.refreshSidebar(['stats', 'tags']), this.reloadList()]);
    if (open !== null) await this.reopen(open);
  }

  async untagReader(path: string): Promise<void> {
    const r = this.reader;
    if (!r) return;
    if ((await this.attempt(() => commands.untagClippings([r.id], path))) === undefined) return;
    this.learnSoon();
    await this.reopen(r.id);
    this.list.patch(r.id, (row) => ({ ...row, tags: this.reader?.tags ?? row.tags }));
    await this.refreshSidebar(['stats', 'tags']);
  }

  async tagAction(f: () => Promise<unknown>): Promise<void> {
    if ((await this.attempt(f)) === undefined) return;
    this.learnSoon();
    this.reader = null;
    await this.refreshAll();
  }

  async saveSearch(name: string): Promise<void> {
    const saved = await this.attempt(() => commands.saveFilter(name, this.filter.toFilter()));
    if (saved) {
      this.notices.show(`Saved the search “${saved.name}”`);
      await this.refreshSidebar(['saved']);
    }
  }

  async deleteSavedSearch(name: string): Promise<void> {
    await this.attempt(() => commands.deleteSavedSearch(name));
    await this.refreshSidebar(['saved']);
  }

  async startImport(paths: string[]): Promise<void> {
    if (!paths.length) return;
    this.importer.start();
    if ((await this.attempt(() => commands.startImport(paths))) === undefined) this.importer.finish(null, null);
  }

  async importSamples(): Promise<void> {
    this.importer.start();
    if ((await this.attempt(() => commands.importSamples())) === undefined) this.importer.finish(null, null);
  }

  async cancelImport(): Promise<void> {
    this.importer.cancelling = true;
    await this.attempt(() => commands.cancelImport());
  }

  /** A name for what the list shows now: its topics, sources or search, else the view. */
  get collectionName(): string {
    const f = this.filter;
    if (f.tags.length) return f.tags.join(', ');
    if (f.sources.length) return f.sources.join(', ');
    if (f.text.trim()) return f.text.trim();
    const views = { inbox: 'Inbox', all: 'Clippings', starred: 'Starred clippings', archive: 'Archive', trash: 'Trash' };
    return views[f.view];
  }

  openExport(): void {
    this.exporter.show(this.collectionName, this.selection.size > 1);
  }

  async chooseExportPath(): Promise<void> {
    const ex = this.exporter;
    const path = await this.attempt(() => commands.chooseExportPath(ex.format, ex.zip, ex.title.trim() || this.collectionName));
    if (path) {
      ex.output = path;
      // The system's save dialog has already asked before replacing a file.
      ex.overwrite = true;
    }
  }

  async startExport(): Promise<void> {
    const ex = this.exporter;
    if (!ex.output.trim()) await this.chooseExportPath();
    if (!ex.output.trim()) return;
    const request = ex.request(this.filter.toFilter(), [...this.selection.ids]);
    ex.start();
    try {
      await commands.startExport(request);
    } catch (e) {
      ex.finish(null, { kind: errorKind(e), message: errorText(e) });
    }
  }

  /** The export ended: shown in the dialog, or as a notice if the dialog was closed meanwhile. */
  exportFinished(summary: ExportSummary | null, error: { kind: string; message: string } | null): void {
    const ex = this.exporter;
    ex.finish(summary, error);
    if (!ex.open) {
      if (summary) this.notices.show(`${ex.headline}: ${summary.path}`);
      else if (ex.error) this.notices.show(ex.error, 'error');
    }
  }

  async cancelExport(): Promise<void> {
    this.exporter.cancelling = true;
    await this.attempt(() => commands.cancelExport());
  }

  async openExported(reveal: boolean): Promise<void> {
    await this.attempt(() => commands.openExport(reveal));
  }

  /** Fetches the page at a link and shows the clipping made from it. */
  async addLink(url: string, tags: string[] = []): Promise<boolean> {
    if (!url.trim()) return false;
    const fetching = this.notices.show(`Fetching ${url.trim()}…`, 'info', undefined, 60000);
    const result = await this.attempt(() => commands.addLink(url.trim(), tags));
    this.notices.dismiss(fetching);
    if (!result) return false;
    this.notices.show(result.outcome === 'new' ? 'Clipping saved from the link' : 'That page was already in the library');
    if (result.outcome === 'new') this.learnSoon();
    await this.showClipping(result.id);
    return true;
  }

  /** Pasted text becomes a draft to review; nothing is stored until it is saved. */
  async pasteText(text: string): Promise<void> {
    if (!text.trim()) return;
    const draft = await this.attempt(() => commands.parseText(text));
    if (draft) this.pasteDraft = draft;
  }

  async saveDraft(draft: ClippingDraft): Promise<void> {
    const result = await this.attempt(() => commands.insertClipping(draft));
    if (!result) return;
    this.pasteDraft = null;
    this.notices.show(result.outcome === 'new' ? 'Clipping saved' : 'That clipping was already in the library');
    if (result.outcome === 'new') this.learnSoon();
    await this.showClipping(result.id);
  }

  /** Reloads everything and opens one clipping in the reader, selected if the list shows it. */
  private async showClipping(id: number): Promise<void> {
    await this.refreshAll();
    const index = this.list.indexOf(id);
    if (index >= 0) this.selection.click(index, this.list.idAt, { shift: false, toggle: false });
    else this.selection.clear();
    this.reader = null;
    await this.attempt(async () => {
      this.reader = await commands.clipping(id);
    });
  }
}


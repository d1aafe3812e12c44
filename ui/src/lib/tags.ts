// The flat tag list from the core as a tree for the sidebar, and suggestions for tag inputs.

import type { Tag } from './bindings';

export interface TagNode {
  tag: Tag;
  children: TagNode[];
}

export function buildTree(tags: Tag[]): TagNode[] {
  const nodes = new Map<number, TagNode>();
  for (const t of tags) nodes.set(t.id, { tag: t, children: [] });
  const roots: TagNode[] = [];
  for (const t of tags) {
    const node = nodes.get(t.id)!;
    const parent = t.parent_id == null ? undefined : nodes.get(t.parent_id);
    (parent ? parent.children : roots).push(node);
  }
  const byName = (a: TagNode, b: TagNode) => a.tag.name.localeCompare(b.tag.name);
  const sort = (list: TagNode[]) => {
    list.sort(byName);
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Paths that contain what was typed, those starting with it first; at most `limit`. */
export function suggest(paths: string[], typed: string, exclude: string[] = [], limit = 8): string[] {
  const q = typed.trim().toLowerCase();
  if (!q) return [];
  const skip = new Set(exclude.map((e) => e.toLowerCase()));
  const hits = paths.filter((p) => p.toLowerCase().includes(q) && !skip.has(p.toLowerCase()));
  const rank = (p: string) => {
    const l = p.toLowerCase();
    if (l.startsWith(q)) return 0;
    if (l.split('/').some((part) => part.startsWith(q))) return 1;
    return 2;
  };
  return hits.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).slice(0, limit);
}

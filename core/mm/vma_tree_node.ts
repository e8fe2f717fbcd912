// Nodes of the vma B-tree (vma_tree.ts): insertion with node splits, removal with
// borrowing from and merging with a sibling, the range walk and the invariant check. In
// the spirit of the maple tree's mas_split / mas_rebalance (lib/maple_tree.c, v6.1),
// without its pivots-and-gaps node layout: a leaf holds up to NODE_MAX vmas in address
// order, an internal node up to NODE_MAX children, and every node but the root holds at
// least NODE_MIN. Each node caches per slot the first start and last end (the arrays
// lookups scan), plus its count and its largest hole, refreshed bottom-up on change.
import type { vm_area_struct } from './types.ts';

/** Slots per node: the maple tree's range64 nodes have 16. */
export const NODE_MAX = 16;
export const NODE_MIN = NODE_MAX / 2;

export interface MNode {
  readonly leaf: boolean;
  /** Leaf slots: vmas in address order. */
  readonly vmas: vm_area_struct[];
  /** Internal slots: children in address order. */
  readonly kids: MNode[];
  /** Per slot: vm_start of its (first) vma. */
  readonly starts: number[];
  /** Per slot: vm_end of its (last) vma. */
  readonly ends: number[];
  /** vmas in the subtree. */
  count: number;
  minStart: number;
  maxEnd: number;
  /** Largest hole between consecutive vmas of the subtree; 0 if none. */
  maxGap: number;
}

export function newLeaf(vmas: vm_area_struct[]): MNode {
  const n: MNode = { leaf: true, vmas, kids: [], starts: [], ends: [], count: 0, minStart: 0, maxEnd: 0, maxGap: 0 };
  refresh(n);
  return n;
}

export function newInternal(kids: MNode[]): MNode {
  const n: MNode = { leaf: false, vmas: [], kids, starts: [], ends: [], count: 0, minStart: 0, maxEnd: 0, maxGap: 0 };
  refresh(n);
  return n;
}

const slots = (n: MNode): number => (n.leaf ? n.vmas.length : n.kids.length);

/** Recompute n's per-slot arrays and summary from its slots (the children are already right). */
export function refresh(n: MNode): void {
  const len = slots(n);
  n.starts.length = len;
  n.ends.length = len;
  let count = 0;
  let gap = 0;
  for (let i = 0; i < len; i++) {
    if (n.leaf) {
      const v = n.vmas[i]!;
      n.starts[i] = v.vm_start;
      n.ends[i] = v.vm_end;
      count += 1;
    } else {
      const c = n.kids[i]!;
      n.starts[i] = c.minStart;
      n.ends[i] = c.maxEnd;
      count += c.count;
      if (c.maxGap > gap) gap = c.maxGap;
    }
    if (i > 0 && n.starts[i]! - n.ends[i - 1]! > gap) gap = n.starts[i]! - n.ends[i - 1]!;
  }
  n.count = count;
  n.minStart = len ? n.starts[0]! : 0;
  n.maxEnd = len ? n.ends[len - 1]! : 0;
  n.maxGap = gap;
}

/** The slot of n whose subtree holds (or would hold) a vma starting at start. */
function childFor(n: MNode, start: number): number {
  let i = n.starts.length - 1;
  while (i > 0 && n.starts[i]! > start) i -= 1;
  return i;
}

/** Split an overfull node in two halves; the right half is returned for the parent to link. */
function splitNode(n: MNode): MNode {
  const half = slots(n) >> 1;
  const right = n.leaf ? newLeaf(n.vmas.splice(half)) : newInternal(n.kids.splice(half));
  refresh(n);
  return right;
}

/** Insert vma under n; returns the new right sibling when n had to split, else null. */
export function insertInto(n: MNode, vma: vm_area_struct): MNode | null {
  if (n.leaf) {
    let pos = n.vmas.length;
    while (pos > 0 && n.starts[pos - 1]! > vma.vm_start) pos -= 1;
    n.vmas.splice(pos, 0, vma);
  } else {
    const i = childFor(n, vma.vm_start);
    const split = insertInto(n.kids[i]!, vma);
    if (split) n.kids.splice(i + 1, 0, split);
  }
  if (slots(n) > NODE_MAX) return splitNode(n);
  refresh(n);
  return null;
}

/** Remove vma from under n (throws when it is not there); an underfull child is topped up or merged. */
export function removeFrom(n: MNode, vma: vm_area_struct): void {
  if (n.leaf) {
    let i = 0;
    while (i < n.vmas.length && n.starts[i]! < vma.vm_start) i += 1;
    const hit = n.vmas[i];
    if (!hit || hit.vm_start !== vma.vm_start) {
      throw new Error(`vma_tree: vma ${vma.id} at ${vma.vm_start.toString(16)} is not in the tree`);
    }
    if (hit !== vma) throw new Error(`vma_tree: another vma (${hit.id}) starts where vma ${vma.id} does`);
    n.vmas.splice(i, 1);
    refresh(n);
    return;
  }
  const i = childFor(n, vma.vm_start);
  const kid = n.kids[i]!;
  removeFrom(kid, vma);
  if (slots(kid) < NODE_MIN && n.kids.length > 1) rebalance(n, i);
  refresh(n);
}

/** Top up n.kids[i] from a sibling, or merge the two when both together fit one node. */
function rebalance(n: MNode, i: number): void {
  const li = i > 0 ? i - 1 : i;
  const left = n.kids[li]!;
  const right = n.kids[li + 1]!;
  if (slots(left) + slots(right) <= NODE_MAX) {
    if (left.leaf) left.vmas.push(...right.vmas);
    else left.kids.push(...right.kids);
    n.kids.splice(li + 1, 1);
    refresh(left);
    return;
  }
  // Move one slot across the boundary towards the underfull side.
  const toRight = slots(left) > slots(right);
  if (left.leaf) {
    if (toRight) right.vmas.unshift(left.vmas.pop()!);
    else left.vmas.push(right.vmas.shift()!);
  } else if (toRight) right.kids.unshift(left.kids.pop()!);
  else left.kids.push(right.kids.shift()!);
  refresh(left);
  refresh(right);
}

/** The vmas of n's subtree that overlap [start, end), appended to out in order. */
export function rangeInto(n: MNode, start: number, end: number, out: vm_area_struct[]): void {
  for (let i = 0; i < n.starts.length; i++) {
    if (n.ends[i]! <= start) continue;
    if (n.starts[i]! >= end) return;
    if (n.leaf) out.push(n.vmas[i]!);
    else rangeInto(n.kids[i]!, start, end, out);
  }
}

/** Every vma of n's subtree appended to out in address order. */
export function collect(n: MNode, out: vm_area_struct[]): void {
  if (n.leaf) {
    for (const v of n.vmas) out.push(v);
    return;
  }
  for (const c of n.kids) collect(c, out);
}

/** The invariant check of n's subtree; returns its depth. Fan-out, equal depth, caches. */
export function checkNode(n: MNode, isRoot: boolean, errs: string[]): number {
  const len = slots(n);
  const at = `node at ${n.minStart.toString(16)}`;
  if (len > NODE_MAX) errs.push(`${at}: ${len} slots, more than ${NODE_MAX}`);
  if (!isRoot && len < NODE_MIN) errs.push(`${at}: ${len} slots, fewer than ${NODE_MIN}`);
  if (isRoot && !n.leaf && len < 2) errs.push(`${at}: internal root with ${len} child`);
  const want: MNode = { ...n, starts: [...n.starts], ends: [...n.ends] };
  refresh(want);
  const same = want.count === n.count && want.minStart === n.minStart && want.maxEnd === n.maxEnd &&
    want.maxGap === n.maxGap && want.starts.every((s, j) => s === n.starts[j]) && want.ends.every((e, j) => e === n.ends[j]);
  if (!same) errs.push(`${at}: stale cached starts, ends, count or gap`);
  if (n.leaf) return 1;
  let depth = -1;
  for (const c of n.kids) {
    const d = checkNode(c, false, errs);
    if (depth >= 0 && d !== depth) errs.push(`${at}: children at depths ${depth} and ${d}`);
    depth = d;
  }
  return depth + 1;
}

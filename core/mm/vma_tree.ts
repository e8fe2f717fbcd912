// The vma tree of one mm (mm->mm_rb in mm/mmap.c, an rbtree augmented with
// rb_subtree_gap). Here an AVL tree keyed by vm_start, augmented with the largest hole
// between consecutive vmas of each subtree so get_unmapped_area's first fit
// (vm_unmapped_area) is O(log n), like the kernel's. Everything about the tree and its
// invariants lives in this file. A vma's vm_start/vm_end must not change while it is in
// the tree: remove it, change it, insert it (vma_adjust in vma.ts does that).
import type { MmKernel, mm_struct, vm_area_struct } from './types.ts';

interface Node {
  vma: vm_area_struct;
  left: Node | null;
  right: Node | null;
  height: number;
  size: number;
  /** vm_start of the leftmost vma of the subtree. */
  minStart: number;
  /** vm_start of the rightmost vma. */
  maxStart: number;
  /** vm_end of the rightmost vma. */
  maxEnd: number;
  /** Largest hole between consecutive vmas of the subtree; 0 if none. */
  maxGap: number;
}

const height = (n: Node | null): number => (n ? n.height : 0);
const size = (n: Node | null): number => (n ? n.size : 0);

/** Recompute n's augmented fields from its children (vma_gap_update). */
function update(n: Node): void {
  const l = n.left;
  const r = n.right;
  n.height = 1 + Math.max(height(l), height(r));
  n.size = 1 + size(l) + size(r);
  n.minStart = l ? l.minStart : n.vma.vm_start;
  n.maxStart = r ? r.maxStart : n.vma.vm_start;
  n.maxEnd = r ? r.maxEnd : n.vma.vm_end;
  let g = 0;
  if (l) g = Math.max(g, l.maxGap, n.vma.vm_start - l.maxEnd);
  if (r) g = Math.max(g, r.maxGap, r.minStart - n.vma.vm_end);
  n.maxGap = g;
}

function rotateRight(n: Node): Node {
  const l = n.left!;
  n.left = l.right;
  l.right = n;
  update(n);
  update(l);
  return l;
}

function rotateLeft(n: Node): Node {
  const r = n.right!;
  n.right = r.left;
  r.left = n;
  update(n);
  update(r);
  return r;
}

function balance(n: Node): Node {
  update(n);
  const bf = height(n.left) - height(n.right);
  if (bf > 1) {
    if (height(n.left!.left) < height(n.left!.right)) n.left = rotateLeft(n.left!);
    return rotateRight(n);
  }
  if (bf < -1) {
    if (height(n.right!.right) < height(n.right!.left)) n.right = rotateRight(n.right!);
    return rotateLeft(n);
  }
  return n;
}

function leaf(vma: vm_area_struct): Node {
  const n: Node = { vma, left: null, right: null, height: 1, size: 1, minStart: 0, maxStart: 0, maxEnd: 0, maxGap: 0 };
  update(n);
  return n;
}

function insertAt(n: Node | null, vma: vm_area_struct): Node {
  if (!n) return leaf(vma);
  if (vma.vm_start < n.vma.vm_start) n.left = insertAt(n.left, vma);
  else if (vma.vm_start > n.vma.vm_start) n.right = insertAt(n.right, vma);
  else throw new Error(`vma_tree: a vma already starts at ${vma.vm_start.toString(16)}`);
  return balance(n);
}

function removeMin(n: Node): { rest: Node | null; min: Node } {
  if (!n.left) return { rest: n.right, min: n };
  const { rest, min } = removeMin(n.left);
  n.left = rest;
  return { rest: balance(n), min };
}

function removeAt(n: Node | null, vma: vm_area_struct): Node | null {
  if (!n) throw new Error(`vma_tree: vma ${vma.id} at ${vma.vm_start.toString(16)} is not in the tree`);
  if (vma.vm_start < n.vma.vm_start) n.left = removeAt(n.left, vma);
  else if (vma.vm_start > n.vma.vm_start) n.right = removeAt(n.right, vma);
  else {
    if (n.vma !== vma) throw new Error(`vma_tree: another vma (${n.vma.id}) starts where vma ${vma.id} does`);
    if (!n.left) return n.right;
    if (!n.right) return n.left;
    const { rest, min } = removeMin(n.right);
    min.left = n.left;
    min.right = rest;
    return balance(min);
  }
  return balance(n);
}

// The walks below are module-level functions, not closures inside the methods: under
// tsx (esbuild keepNames) every named closure costs an Object.defineProperty each time it is
// made, and validate() runs after every step.

/** The vmas of n's subtree that overlap [start, end), appended to out in order. */
function rangeWalk(n: Node | null, start: number, end: number, out: vm_area_struct[]): void {
  if (!n || n.maxEnd <= start || n.minStart >= end) return;
  rangeWalk(n.left, start, end, out);
  if (n.vma.vm_end > start && n.vma.vm_start < end) out.push(n.vma);
  rangeWalk(n.right, start, end, out);
}

/** The vmas of n's subtree appended to out in address order. */
function inorder(n: Node | null, out: vm_area_struct[]): void {
  if (!n) return;
  inorder(n.left, out);
  out.push(n.vma);
  inorder(n.right, out);
}

/** validate() of n's subtree, children first: each node's augmented fields recomputed from scratch. */
function checkNode(n: Node | null, errs: string[]): void {
  if (!n) return;
  checkNode(n.left, errs);
  checkNode(n.right, errs);
  const want: Node = { ...n };
  update(want);
  if (want.height !== n.height) errs.push(`node ${n.vma.id}: height ${n.height}, want ${want.height}`);
  if (want.size !== n.size) errs.push(`node ${n.vma.id}: size ${n.size}, want ${want.size}`);
  if (want.maxGap !== n.maxGap || want.minStart !== n.minStart || want.maxEnd !== n.maxEnd || want.maxStart !== n.maxStart) {
    errs.push(`node ${n.vma.id}: stale gap augmentation`);
  }
  if (Math.abs(height(n.left) - height(n.right)) > 1) errs.push(`node ${n.vma.id}: unbalanced`);
}

export class VmaTree {
  private root: Node | null = null;

  /** mm->map_count. */
  get size(): number {
    return size(this.root);
  }

  /** __vma_link_rb(): O(log n); an overlap with a vma already there is a bug of ours and throws. */
  insert(vma: vm_area_struct): void {
    if (!(vma.vm_end > vma.vm_start)) throw new Error(`vma_tree: empty vma ${vma.id}`);
    const hit = this.find(vma.vm_start);
    if (hit && hit.vm_start < vma.vm_end) throw new Error(`vma_tree: vma ${vma.id} overlaps vma ${hit.id}`);
    this.root = insertAt(this.root, vma);
  }

  /** __vma_unlink(): O(log n); removing a vma that is not there throws. */
  remove(vma: vm_area_struct): void {
    this.root = removeAt(this.root, vma);
  }

  /** Whether this very vma is in the tree. */
  has(vma: vm_area_struct): boolean {
    let n = this.root;
    while (n) {
      if (vma.vm_start < n.vma.vm_start) n = n.left;
      else if (vma.vm_start > n.vma.vm_start) n = n.right;
      else return n.vma === vma;
    }
    return false;
  }

  /** The first vma with vm_end > addr, or null (the lookup of find_vma). */
  find(addr: number): vm_area_struct | null {
    let n = this.root;
    let best: vm_area_struct | null = null;
    while (n) {
      if (n.vma.vm_end > addr) {
        best = n.vma;
        n = n.left;
      } else n = n.right;
    }
    return best;
  }

  /** The last vma with vm_start < addr, or null. */
  lastBefore(addr: number): vm_area_struct | null {
    let n = this.root;
    let best: vm_area_struct | null = null;
    while (n) {
      if (n.vma.vm_start < addr) {
        best = n.vma;
        n = n.right;
      } else n = n.left;
    }
    return best;
  }

  /** vma->vm_next. */
  next(vma: vm_area_struct): vm_area_struct | null {
    return this.find(vma.vm_end);
  }

  /** vma->vm_prev. */
  prev(vma: vm_area_struct): vm_area_struct | null {
    return this.lastBefore(vma.vm_start);
  }

  /** The vmas that overlap [start, end), in order: O(log n + k). */
  range(start: number, end: number): vm_area_struct[] {
    const out: vm_area_struct[] = [];
    rangeWalk(this.root, start, end, out);
    return out;
  }

  /** Every vma in address order (mm->mmap list). */
  *[Symbol.iterator](): IterableIterator<vm_area_struct> {
    const stack: Node[] = [];
    let n = this.root;
    while (n || stack.length > 0) {
      while (n) {
        stack.push(n);
        n = n.left;
      }
      const top = stack.pop()!;
      yield top.vma;
      n = top.right;
    }
  }

  /** Every vma in address order, as an array (cheaper than the iterator on hot paths). */
  toArray(): vm_area_struct[] {
    const out: vm_area_struct[] = [];
    inorder(this.root, out);
    return out;
  }

  /**
   * unmapped_area() (mm/mmap.c): the lowest address >= low with [addr, addr + length)
   * free and ending at or below high; -1 if there is none. O(log n).
   */
  unmapped_area(length: number, low: number, high: number): number {
    if (length <= 0 || high - low < length) return -1;
    const found = this.searchGap(this.root, 0, length, low, high);
    if (found >= 0) return found;
    const s = Math.max(this.root ? this.root.maxEnd : 0, low);
    return s + length <= high ? s : -1;
  }

  /** First fit in the holes before each vma of n's subtree; prevEnd is where the vma before the subtree ends. */
  private searchGap(n: Node | null, prevEnd: number, len: number, low: number, high: number): number {
    if (!n) return -1;
    if (Math.max(n.maxGap, n.minStart - prevEnd) < len) return -1;
    // Every hole in here ends at or before maxStart and starts at or after prevEnd.
    if (n.maxStart - low < len || Math.max(prevEnd, low) + len > high) return -1;
    const left = this.searchGap(n.left, prevEnd, len, low, high);
    if (left >= 0) return left;
    const s = Math.max(n.left ? n.left.maxEnd : prevEnd, low);
    if (n.vma.vm_start - s >= len && s + len <= high) return s;
    return this.searchGap(n.right, n.vma.vm_end, len, low, high);
  }

  /** validate_mm_rb(): sorted, non-overlapping, page aligned, balanced, sizes and gaps right. */
  validate(): string[] {
    const errs: string[] = [];
    checkNode(this.root, errs);
    let prev: vm_area_struct | null = null;
    let count = 0;
    for (const vma of this.toArray()) {
      count += 1;
      if (!(vma.vm_end > vma.vm_start)) errs.push(`vma ${vma.id}: empty [${vma.vm_start.toString(16)}, ${vma.vm_end.toString(16)})`);
      if (vma.vm_start % 4096 !== 0 || vma.vm_end % 4096 !== 0) errs.push(`vma ${vma.id}: not page aligned`);
      if (prev && prev.vm_end > vma.vm_start) errs.push(`vma ${vma.id} overlaps or precedes vma ${prev.id}`);
      prev = vma;
    }
    if (count !== this.size) errs.push(`map_count ${this.size} but ${count} vmas in order`);
    return errs;
  }
}

/** find_vma(): the first vma with vm_end > addr (it may start above addr), or null. Counts a vma lookup. */
export function find_vma(k: MmKernel, mm: mm_struct, addr: number): vm_area_struct | null {
  k.cost.vmaLookups += 1;
  return mm.mm_rb.find(addr);
}

/** find_vma_intersection(): the first vma overlapping [start, end), or null. Counts a vma lookup. */
export function find_vma_intersection(k: MmKernel, mm: mm_struct, start: number, end: number): vm_area_struct | null {
  const vma = find_vma(k, mm, start);
  return vma && vma.vm_start < end ? vma : null;
}

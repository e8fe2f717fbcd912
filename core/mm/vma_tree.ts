// The vma tree of one mm. Linux keeps vmas in a maple tree since v6.1 (lib/maple_tree.c,
// used through mm->mm_mt by mm/mmap.c): a B-tree of ranges with wide nodes, which also
// answers get_unmapped_area's first fit through the gaps it tracks per node
// (mas_empty_area). Here: a B+-tree whose nodes hold up to NODE_MAX slots in plain
// arrays (leaves hold vmas, internal nodes hold children), each node caching its
// first start, last end and largest hole, so find_vma and unmapped_area are
// O(log n) with a depth of about log16(n). Simplification against the maple tree: our
// leaves store vmas keyed by vm_start, not ranges with NULL entries for the holes, and
// there is no RCU. Everything about the tree and its invariants lives in this file (the
// node code in vma_tree_node.ts). A vma's vm_start/vm_end must not change while it is in
// the tree: remove it, change it, insert it (vma_adjust in vma.ts does that).
import type { MmKernel, mm_struct, vm_area_struct } from './types.ts';
import { NODE_MAX, NODE_MIN, STRIDE, VmaNodes } from './vma_tree_node.ts';

export { NODE_MAX, NODE_MIN };

export class VmaTree {
  private readonly nodes = new VmaNodes();
  private root = this.nodes.alloc(true);

  /** mm->map_count. */
  get size(): number {
    return this.nodes.count[this.root]!;
  }

  /** Depth of the tree (1 for a single leaf); for tests of splits and merges. */
  get depth(): number {
    let d = 1;
    for (let n = this.root; !this.nodes.leaf[n]; n = this.nodes.child(n, 0)) d += 1;
    return d;
  }

  /** vma_link() / mas_store(): O(log n); an overlap with a vma already there is a bug of ours and throws. */
  insert(vma: vm_area_struct): void {
    if (!(vma.vm_end > vma.vm_start)) throw new Error(`vma_tree: empty vma ${vma.id}`);
    const hit = this.find(vma.vm_start);
    if (hit && hit.vm_start < vma.vm_end) throw new Error(`vma_tree: vma ${vma.id} overlaps vma ${hit.id}`);
    const t = this.nodes;
    const split = t.insert(this.root, vma);
    if (split < 0) return;
    // The root split: the tree grows by one level (mas_split at the root).
    const top = t.alloc(false);
    t.ref[top * STRIDE] = this.root;
    t.ref[top * STRIDE + 1] = split;
    t.len[top] = 2;
    t.refresh(top);
    this.root = top;
  }

  /** vma_mas_remove() / mas_erase(): O(log n); removing a vma that is not there throws. */
  remove(vma: vm_area_struct): void {
    const t = this.nodes;
    t.remove(this.root, vma);
    // A root with a single child gives the tree back one level.
    while (!t.leaf[this.root] && t.len[this.root] === 1) {
      const old = this.root;
      this.root = t.child(old, 0);
      t.release(old);
    }
  }

  /** Whether this very vma is in the tree. */
  has(vma: vm_area_struct): boolean {
    return this.find(vma.vm_start) === vma;
  }

  /** The first vma with vm_end > addr, or null (the lookup of find_vma, mas_find). */
  find(addr: number): vm_area_struct | null {
    const t = this.nodes;
    let n = this.root;
    for (;;) {
      const i = t.firstEndAbove(n, addr);
      if (i === t.len[n]) return null;
      if (t.leaf[n]) return t.vmaAt(n, i);
      n = t.child(n, i);
    }
  }

  /** The last vma with vm_start < addr, or null (mas_prev). */
  lastBefore(addr: number): vm_area_struct | null {
    const t = this.nodes;
    let n = this.root;
    for (;;) {
      const i = t.lastStartBelow(n, addr);
      if (i < 0) return null;
      if (t.leaf[n]) return t.vmaAt(n, i);
      n = t.child(n, i);
    }
  }

  /** vma->vm_next (find_vma from the end). */
  next(vma: vm_area_struct): vm_area_struct | null {
    return this.find(vma.vm_end);
  }

  /** vma->vm_prev. */
  prev(vma: vm_area_struct): vm_area_struct | null {
    return this.lastBefore(vma.vm_start);
  }

  /** The vmas that overlap [start, end), in order: O(log n + k) (for_each_vma_range). */
  range(start: number, end: number): vm_area_struct[] {
    const out: vm_area_struct[] = [];
    this.nodes.range(this.root, start, end, out);
    return out;
  }

  /** Every vma in address order (for_each_vma). */
  [Symbol.iterator](): IterableIterator<vm_area_struct> {
    return this.toArray()[Symbol.iterator]();
  }

  /** Every vma in address order, as an array. */
  toArray(): vm_area_struct[] {
    const out: vm_area_struct[] = [];
    this.nodes.collect(this.root, out);
    return out;
  }

  /**
   * unmapped_area() (mm/mmap.c; mas_empty_area since v6.1): the lowest address >= low
   * with [addr, addr + length) free and ending at or below high; -1 if there is none.
   * O(log n): a subtree whose largest hole is too small is skipped whole.
   */
  unmapped_area(length: number, low: number, high: number): number {
    if (length <= 0 || high - low < length) return -1;
    const found = this.nodes.searchGap(this.root, 0, length, low, high);
    if (found >= 0) return found;
    const s = Math.max(this.nodes.maxEnd(this.root), low);
    return s + length <= high ? s : -1;
  }

  /** validate_mm() / mt_validate(): sorted, non-overlapping, page aligned, fan-out and depth, caches right. */
  validate(): string[] {
    const errs: string[] = [];
    this.nodes.check(this.root, true, errs);
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

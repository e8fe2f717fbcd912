// Nodes of the vma B-tree (vma_tree.ts), in the spirit of the maple tree's 16-slot
// nodes (lib/maple_tree.c, v6.1): insertion with node splits (mas_split), removal
// with borrowing from and merging with a sibling (mas_rebalance), the range walk and
// the invariant check. Like the maple tree, a node keeps its keys in flat arrays: here
// every node is a stride of STRIDE slots in shared typed arrays (first start, last end
// and target of each slot), so a lookup scans a few cache lines per level instead of
// chasing objects. A leaf's slots point at vmas, an internal node's at child nodes;
// every node but the root holds NODE_MIN..NODE_MAX slots. Each node also caches its vma
// count and largest hole, refreshed bottom-up on change.
import type { vm_area_struct } from './types.ts';

/** Slots per node: the maple tree's range64 nodes have 16. */
export const NODE_MAX = 16;
export const NODE_MIN = NODE_MAX / 2;
/** One spare slot, so a node can overflow by one before it splits. */
export const STRIDE = NODE_MAX + 1;

export class VmaNodes {
  private cap = 0;
  /** Per slot: vm_start of its (first) vma. */
  starts = new Float64Array(0);
  /** Per slot: vm_end of its (last) vma. */
  ends = new Float64Array(0);
  /** Per slot: the child node (internal) or the index into `vmas` (leaf). */
  ref = new Int32Array(0);
  /** Per node: slots in use, leaf or not, vmas below, largest hole below. */
  len = new Uint8Array(0);
  leaf = new Uint8Array(0);
  count = new Int32Array(0);
  gap = new Float64Array(0);
  readonly vmas: (vm_area_struct | null)[] = [];
  private readonly freeNodes: number[] = [];
  private readonly freeVmas: number[] = [];
  private used = 0;

  alloc(isLeaf: boolean): number {
    const n = this.freeNodes.pop() ?? this.used++;
    if (n >= this.cap) this.grow();
    this.len[n] = 0;
    this.leaf[n] = isLeaf ? 1 : 0;
    this.count[n] = 0;
    this.gap[n] = 0;
    return n;
  }

  release(n: number): void {
    this.len[n] = 0;
    this.freeNodes.push(n);
  }

  private grow(): void {
    const cap = Math.max(16, this.cap * 2);
    const more = <T extends Float64Array | Int32Array | Uint8Array>(old: T, make: (n: number) => T, per: number): T => {
      const a = make(cap * per);
      a.set(old);
      return a;
    };
    this.starts = more(this.starts, (n) => new Float64Array(n), STRIDE);
    this.ends = more(this.ends, (n) => new Float64Array(n), STRIDE);
    this.ref = more(this.ref, (n) => new Int32Array(n), STRIDE);
    this.len = more(this.len, (n) => new Uint8Array(n), 1);
    this.leaf = more(this.leaf, (n) => new Uint8Array(n), 1);
    this.count = more(this.count, (n) => new Int32Array(n), 1);
    this.gap = more(this.gap, (n) => new Float64Array(n), 1);
    this.cap = cap;
  }

  minStart(n: number): number {
    return this.len[n] ? this.starts[n * STRIDE]! : 0;
  }

  maxEnd(n: number): number {
    const l = this.len[n]!;
    return l ? this.ends[n * STRIDE + l - 1]! : 0;
  }

  /** Recompute n's slot keys from its children (internal nodes), then its count and largest hole. */
  refresh(n: number): void {
    if (!this.leaf[n]) {
      const b = n * STRIDE;
      for (let i = 0, l = this.len[n]!; i < l; i++) {
        const c = this.ref[b + i]!;
        this.starts[b + i] = this.minStart(c);
        this.ends[b + i] = this.maxEnd(c);
      }
    }
    this.count[n] = this.countOf(n);
    this.gap[n] = this.gapOf(n);
  }

  /** The vmas below n, from its slots. */
  private countOf(n: number): number {
    const l = this.len[n]!;
    if (this.leaf[n]) return l;
    let count = 0;
    for (let i = 0; i < l; i++) count += this.count[this.ref[n * STRIDE + i]!]!;
    return count;
  }

  /** The largest hole below n: between its slots, or inside a child. */
  private gapOf(n: number): number {
    const b = n * STRIDE;
    const l = this.len[n]!;
    let gap = 0;
    for (let i = 0; i < l; i++) {
      if (!this.leaf[n]) gap = Math.max(gap, this.gap[this.ref[b + i]!]!);
      if (i > 0) gap = Math.max(gap, this.starts[b + i]! - this.ends[b + i - 1]!);
    }
    return gap;
  }

  /** Open a hole at slot i of n (slots i.. move right by one). */
  private shiftRight(n: number, i: number): void {
    const b = n * STRIDE;
    const l = this.len[n]!;
    this.starts.copyWithin(b + i + 1, b + i, b + l);
    this.ends.copyWithin(b + i + 1, b + i, b + l);
    this.ref.copyWithin(b + i + 1, b + i, b + l);
    this.len[n] = l + 1;
  }

  /** Close slot i of n (slots i+1.. move left by one). */
  private shiftLeft(n: number, i: number): void {
    const b = n * STRIDE;
    const l = this.len[n]!;
    this.starts.copyWithin(b + i, b + i + 1, b + l);
    this.ends.copyWithin(b + i, b + i + 1, b + l);
    this.ref.copyWithin(b + i, b + i + 1, b + l);
    this.len[n] = l - 1;
  }

  /** Move slots [from, from + k) of node a to slot `to` of node z (z has room there). */
  private moveSlots(a: number, from: number, k: number, z: number, to: number): void {
    const sa = a * STRIDE + from;
    const sz = z * STRIDE + to;
    this.starts.copyWithin(sz, sa, sa + k);
    this.ends.copyWithin(sz, sa, sa + k);
    this.ref.copyWithin(sz, sa, sa + k);
  }

  /** The slot of internal node n whose subtree holds (or would hold) a vma starting at start. */
  private childFor(n: number, start: number): number {
    const b = n * STRIDE;
    let i = this.len[n]! - 1;
    while (i > 0 && this.starts[b + i]! > start) i -= 1;
    return i;
  }

  /** Insert vma under n; returns the new right sibling when n had to split, else -1. */
  insert(n: number, vma: vm_area_struct): number {
    const b = n * STRIDE;
    if (this.leaf[n]) {
      let pos = this.len[n]!;
      while (pos > 0 && this.starts[b + pos - 1]! > vma.vm_start) pos -= 1;
      this.shiftRight(n, pos);
      const v = this.freeVmas.pop() ?? this.vmas.length;
      this.vmas[v] = vma;
      this.starts[b + pos] = vma.vm_start;
      this.ends[b + pos] = vma.vm_end;
      this.ref[b + pos] = v;
    } else {
      const i = this.childFor(n, vma.vm_start);
      const split = this.insert(this.ref[b + i]!, vma);
      if (split >= 0) {
        this.shiftRight(n, i + 1);
        this.ref[b + i + 1] = split;
      }
    }
    const l = this.len[n]!;
    if (l <= NODE_MAX) {
      this.refresh(n);
      return -1;
    }
    // An append (the new slot went last, as when vmas are mapped bottom-up) keeps the
    // left node full and starts the right one at the minimum, so that ascending inserts
    // fill nodes instead of leaving every one half empty (the maple tree's append split).
    const appended = this.ends[b + l - 1]! <= vma.vm_end;
    const half = appended ? l - NODE_MIN : l >> 1;
    const r = this.alloc(this.leaf[n] === 1);
    this.moveSlots(n, half, l - half, r, 0);
    this.len[n] = half;
    this.len[r] = l - half;
    this.refresh(n);
    this.refresh(r);
    return r;
  }

  /** Remove vma from under n (throws when it is not there); an underfull child is topped up or merged. */
  remove(n: number, vma: vm_area_struct): void {
    const b = n * STRIDE;
    if (this.leaf[n]) {
      const l = this.len[n]!;
      let i = 0;
      while (i < l && this.starts[b + i]! < vma.vm_start) i += 1;
      const hit = i < l && this.starts[b + i] === vma.vm_start ? this.vmas[this.ref[b + i]!]! : null;
      if (!hit) throw new Error(`vma_tree: vma ${vma.id} at ${vma.vm_start.toString(16)} is not in the tree`);
      if (hit !== vma) throw new Error(`vma_tree: another vma (${hit.id}) starts where vma ${vma.id} does`);
      this.vmas[this.ref[b + i]!] = null;
      this.freeVmas.push(this.ref[b + i]!);
      this.shiftLeft(n, i);
      this.refresh(n);
      return;
    }
    const i = this.childFor(n, vma.vm_start);
    const kid = this.ref[b + i]!;
    this.remove(kid, vma);
    if (this.len[kid]! < NODE_MIN && this.len[n]! > 1) this.rebalance(n, i);
    this.refresh(n);
  }

  /** Top up slot i of n from a sibling, or merge the two when both fit one node. */
  private rebalance(n: number, i: number): void {
    const b = n * STRIDE;
    const li = i > 0 ? i - 1 : i;
    const left = this.ref[b + li]!;
    const right = this.ref[b + li + 1]!;
    const ll = this.len[left]!;
    const rl = this.len[right]!;
    if (ll + rl <= NODE_MAX) {
      this.moveSlots(right, 0, rl, left, ll);
      this.len[left] = ll + rl;
      this.release(right);
      this.shiftLeft(n, li + 1);
      this.refresh(left);
      return;
    }
    if (ll > rl) {
      // The last slot of the left node becomes the first of the right one.
      this.shiftRight(right, 0);
      this.moveSlots(left, ll - 1, 1, right, 0);
      this.len[left] = ll - 1;
    } else {
      this.moveSlots(right, 0, 1, left, ll);
      this.len[left] = ll + 1;
      this.shiftLeft(right, 0);
    }
    this.refresh(left);
    this.refresh(right);
  }

  /** Leaf slot i of n's vma. */
  vmaAt(n: number, i: number): vm_area_struct {
    return this.vmas[this.ref[n * STRIDE + i]!]!;
  }

  /** The first slot of n whose last end is above addr, or len[n]. */
  firstEndAbove(n: number, addr: number): number {
    const b = n * STRIDE;
    const l = this.len[n]!;
    let i = 0;
    while (i < l && this.ends[b + i]! <= addr) i += 1;
    return i;
  }

  /** The last slot of n whose first start is below addr, or -1. */
  lastStartBelow(n: number, addr: number): number {
    const b = n * STRIDE;
    let i = this.len[n]! - 1;
    while (i >= 0 && this.starts[b + i]! >= addr) i -= 1;
    return i;
  }

  child(n: number, i: number): number {
    return this.ref[n * STRIDE + i]!;
  }

  /** The vmas of n's subtree that overlap [start, end), appended to out in order. */
  range(n: number, start: number, end: number, out: vm_area_struct[]): void {
    const b = n * STRIDE;
    const l = this.len[n]!;
    for (let i = 0; i < l; i++) {
      if (this.ends[b + i]! <= start) continue;
      if (this.starts[b + i]! >= end) return;
      if (this.leaf[n]) out.push(this.vmaAt(n, i));
      else this.range(this.ref[b + i]!, start, end, out);
    }
  }

  /** Every vma of n's subtree appended to out in address order. */
  collect(n: number, out: vm_area_struct[]): void {
    const l = this.len[n]!;
    for (let i = 0; i < l; i++) {
      if (this.leaf[n]) out.push(this.vmaAt(n, i));
      else this.collect(this.child(n, i), out);
    }
  }

  /** First fit in the holes of n's subtree; prevEnd is where the vma before the subtree ends. */
  searchGap(n: number, prevEnd: number, want: number, low: number, high: number): number {
    const l = this.len[n]!;
    if (l === 0) return -1;
    const b = n * STRIDE;
    if (Math.max(this.gap[n]!, this.minStart(n) - prevEnd) < want) return -1;
    // Every hole in here ends at or before the last start and starts at or after prevEnd.
    if (this.starts[b + l - 1]! - low < want || Math.max(prevEnd, low) + want > high) return -1;
    let before = prevEnd;
    for (let i = 0; i < l; i++) {
      if (this.leaf[n]) {
        const s = Math.max(before, low);
        if (s + want > high) return -1;
        if (this.starts[b + i]! - s >= want) return s;
      } else {
        const r = this.searchGap(this.child(n, i), before, want, low, high);
        if (r >= 0) return r;
      }
      before = this.ends[b + i]!;
    }
    return -1;
  }

  /** The invariant check of n's subtree; returns its depth. Fan-out, equal depth, cached keys. */
  check(n: number, isRoot: boolean, errs: string[]): number {
    const l = this.len[n]!;
    const b = n * STRIDE;
    const at = `node at ${this.minStart(n).toString(16)}`;
    if (l > NODE_MAX) errs.push(`${at}: ${l} slots, more than ${NODE_MAX}`);
    if (!isRoot && l < NODE_MIN) errs.push(`${at}: ${l} slots, fewer than ${NODE_MIN}`);
    if (isRoot && !this.leaf[n] && l < 2) errs.push(`${at}: internal root with ${l} child`);
    let depth = 0;
    for (let i = 0; i < l; i++) {
      if (this.leaf[n]) {
        const v = this.vmaAt(n, i);
        if (this.starts[b + i] !== v.vm_start || this.ends[b + i] !== v.vm_end) errs.push(`${at}: stale keys of vma ${v.id}`);
        continue;
      }
      const c = this.child(n, i);
      const d = this.check(c, false, errs);
      if (depth && d !== depth) errs.push(`${at}: children at depths ${depth} and ${d}`);
      depth = d;
      if (this.starts[b + i] !== this.minStart(c) || this.ends[b + i] !== this.maxEnd(c)) errs.push(`${at}: stale keys of slot ${i}`);
    }
    if (this.count[n] !== this.countOf(n) || this.gap[n] !== this.gapOf(n)) errs.push(`${at}: stale count or gap`);
    return depth + 1;
  }
}

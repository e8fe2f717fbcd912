// An extent map: sorted, non-overlapping half-open ranges [start, end) of page numbers
// (or any unit), each with a value that can be re-based when the range is cut. Lookups
// are O(log n) by binary search; one extent stands for any number of pages, so a 1 GiB
// range is one entry, never 262144 (the kernel gets the same effect from huge
// PUD/PMD entries in page tables and from large IOMMU page sizes).
export interface Extent<V> {
  readonly start: number;
  readonly end: number;
  readonly value: V;
}

/** How a value changes when its extent is cut `delta` units from its start. */
export type Rebase<V> = (value: V, delta: number) => V;
/** Whether `b` (starting where `a` ends) continues `a`, so the two may merge. */
export type Continues<V> = (a: Extent<V>, b: Extent<V>) => boolean;

export class ExtentMap<V> {
  /** items[lo..] are the extents; a removal at the front only moves lo (see remove). */
  private items: Extent<V>[] = [];
  private lo = 0;
  /** Extents visited by the last operations; read and reset by callers that count cost. */
  touched = 0;

  constructor(private readonly rebase: Rebase<V>, private readonly continues?: Continues<V>) {}

  get size(): number {
    return this.items.length - this.lo;
  }

  /** Index of the first extent with end > x. */
  private firstEndingAfter(x: number): number {
    let lo = this.lo;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.items[mid]!.end > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** The extent holding x, or undefined. */
  find(x: number): Extent<V> | undefined {
    const i = this.firstEndingAfter(x);
    const e = this.items[i];
    this.touched += 1;
    return e !== undefined && e.start <= x ? e : undefined;
  }

  /** The value at x, re-based to x, with how many units follow contiguously in that extent. */
  lookup(x: number): { value: V; run: number } | undefined {
    const e = this.find(x);
    if (!e) return undefined;
    return { value: this.rebase(e.value, x - e.start), run: e.end - x };
  }

  /** Extents (cut to the range) that overlap [start, end), in order. */
  overlapping(start: number, end: number): Extent<V>[] {
    const out: Extent<V>[] = [];
    for (let i = this.firstEndingAfter(start); i < this.items.length; i++) {
      const e = this.items[i]!;
      if (e.start >= end) break;
      this.touched += 1;
      const s = Math.max(start, e.start);
      const t = Math.min(end, e.end);
      out.push({ start: s, end: t, value: this.rebase(e.value, s - e.start) });
    }
    return out;
  }

  /** True if any unit of [start, end) is mapped. */
  anyIn(start: number, end: number): boolean {
    const e = this.items[this.firstEndingAfter(start)];
    return e !== undefined && e.start < end;
  }

  /** Remove [start, end), cutting extents that straddle an edge. Returns what was removed. */
  remove(start: number, end: number): Extent<V>[] {
    if (end <= start) return [];
    const first = this.firstEndingAfter(start);
    let last = first;
    const removed: Extent<V>[] = [];
    const keep: Extent<V>[] = [];
    while (last < this.items.length && this.items[last]!.start < end) {
      const e = this.items[last]!;
      this.touched += 1;
      const s = Math.max(start, e.start);
      const t = Math.min(end, e.end);
      removed.push({ start: s, end: t, value: this.rebase(e.value, s - e.start) });
      if (e.start < start) keep.push({ start: e.start, end: start, value: e.value });
      if (e.end > end) keep.push({ start: end, end: e.end, value: this.rebase(e.value, end - e.start) });
      last += 1;
    }
    if (first === this.lo && last > first && keep.length === 0) {
      // An ascending teardown of many mappings removes at the front again and again: move
      // lo instead of shifting every item (O(n) each time); compact once lo is most of it.
      this.lo = last;
      if (this.lo > 1024 && this.lo * 2 > this.items.length) this.compact();
    } else if (last > first || keep.length > 0) {
      this.items.splice(first, last - first, ...keep);
    }
    return removed;
  }

  /** Set [start, end) to value, replacing whatever was there; merges with a continuing neighbour. */
  set(start: number, end: number, value: V): void {
    if (end <= start) return;
    this.remove(start, end);
    const i = this.firstEndingAfter(start);
    let ext: Extent<V> = { start, end, value };
    let at = i;
    let del = 0;
    const prev = i > this.lo ? this.items[i - 1] : undefined;
    if (this.continues && prev && prev.end === start && this.continues(prev, ext)) {
      ext = { start: prev.start, end, value: prev.value };
      at = i - 1;
      del += 1;
    }
    const next = this.items[i];
    if (this.continues && next && next.start === end && this.continues(ext, next)) {
      ext = { start: ext.start, end: next.end, value: ext.value };
      del += 1;
    }
    this.items.splice(at, del, ext);
    this.touched += 1;
  }

  /** Every extent in order. */
  all(): readonly Extent<V>[] {
    this.compact();
    return this.items;
  }

  clear(): void {
    this.items = [];
    this.lo = 0;
  }

  private compact(): void {
    if (this.lo === 0) return;
    this.items = this.items.slice(this.lo);
    this.lo = 0;
  }

  /** Re-check: sorted, non-empty, non-overlapping. Returns the problems found. */
  validate(): string[] {
    const errs: string[] = [];
    let prevEnd = -Infinity;
    for (let i = this.lo; i < this.items.length; i++) {
      const e = this.items[i]!;
      if (!(e.end > e.start)) errs.push(`empty extent [${e.start}, ${e.end})`);
      if (e.start < prevEnd) errs.push(`extent [${e.start}, ${e.end}) overlaps its predecessor`);
      prevEnd = e.end;
    }
    return errs;
  }
}

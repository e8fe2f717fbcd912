// The resource tree (kernel/resource.c, include/linux/ioport.h). Every physical range a
// device or RAM claims is a node; children nest inside their parent and never overlap
// their siblings. Allocation is first-fit from the lowest address, so it is
// deterministic and a released range is handed to the next request of the same size:
// unplug device X, plug device Y, and Y may decode X's old physical addresses.
import { tohex, type KernelBase } from '../kernel/index.ts';
import { EBUSY, EINVAL, ENOENT } from '../kernel/errno.ts';

// include/linux/ioport.h flag bits.
export const IORESOURCE_IO = 0x00000100;
export const IORESOURCE_MEM = 0x00000200;
export const IORESOURCE_PREFETCH = 0x00002000;
export const IORESOURCE_SIZEALIGN = 0x00040000;
export const IORESOURCE_MEM_64 = 0x00100000;
export const IORESOURCE_UNSET = 0x20000000;
export const IORESOURCE_BUSY = 0x80000000;
const IORESOURCE_TYPE_BITS = IORESOURCE_IO | IORESOURCE_MEM;

/** struct resource. Linux keeps child/sibling lists; we keep the children sorted by start. */
export interface resource {
  name: string;
  /** First byte. */
  start: number;
  /** Last byte, inclusive, as in Linux (size = end - start + 1). */
  end: number;
  flags: number;
  /** Ghost: who asked for it (a device, "System RAM", a driver), for judging DMA later. */
  owner: string;
  /** Ghost: tick when the range was handed out. */
  allocTick: number;
  parent: resource | null;
  children: resource[];
}

/** resource_size(): number of bytes in the range. */
export function resource_size(res: resource): number {
  return res.end - res.start + 1;
}

/** A resource not yet in any tree. */
export function new_resource(name: string, start: number, end: number, flags: number, owner = name, allocTick = 0): resource {
  return { name, start, end, flags, owner, allocTick, parent: null, children: [] };
}

function hex(n: number): string {
  return `0x${tohex(n)}`;
}

/** %pR (lib/vsprintf.c resource_string): "[mem 0x8000000000-0x8000000fff 64bit pref]". */
export function format_resource(res: resource): string {
  const io = (res.flags & IORESOURCE_IO) !== 0;
  const type = io ? 'io ' : 'mem';
  if ((res.flags & IORESOURCE_UNSET) !== 0) return `[${type} size ${hex(resource_size(res))}]`;
  let extra = '';
  if ((res.flags & IORESOURCE_MEM_64) !== 0) extra += ' 64bit';
  if ((res.flags & IORESOURCE_PREFETCH) !== 0) extra += ' pref';
  return `[${type} ${hex(res.start)}-${hex(res.end)}${extra}]`;
}

/** Index of the first child whose end >= addr (children are sorted and disjoint). */
function firstChildEndingAtOrAfter(parent: resource, addr: number): number {
  let lo = 0;
  let hi = parent.children.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (parent.children[mid]!.end >= addr) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** __request_resource(): inserts `res` under `root`; returns null, or the resource it conflicts with. */
function __request_resource(root: resource, res: resource): resource | null {
  if (res.end < res.start || res.start < root.start || res.end > root.end) return root;
  const i = firstChildEndingAtOrAfter(root, res.start);
  const next = root.children[i];
  if (next !== undefined && next.start <= res.end) return next;
  root.children.splice(i, 0, res);
  res.parent = root;
  return null;
}

/** The machine's two resource roots and the operations of kernel/resource.c on them. */
export class ResourceTree {
  /** iomem_resource: all physical memory addresses (MAXPHYADDR 52 bits). */
  readonly iomem_resource: resource = new_resource('PCI mem', 0, 2 ** 52 - 1, IORESOURCE_MEM);
  /** ioport_resource: the x86 I/O port space. */
  readonly ioport_resource: resource = new_resource('PCI IO', 0, 0xffff, IORESOURCE_IO);

  constructor(private readonly k: KernelBase) {}

  /** request_resource(): returns 0, or -EBUSY if `res` overlaps a sibling or leaves `root`. */
  request_resource(root: resource, res: resource): number {
    if (__request_resource(root, res) !== null) return -EBUSY;
    res.allocTick = this.k.tick();
    return 0;
  }

  /** __request_region(): a busy region nested under the deepest non-busy resource holding it; null if busy or overlapping. */
  __request_region(parent: resource, start: number, n: number, name: string, owner = name): resource | null {
    if (n <= 0) return null;
    const res = new_resource(name, start, start + n - 1, ((parent.flags & IORESOURCE_TYPE_BITS) | IORESOURCE_BUSY) >>> 0, owner, this.k.tick());
    let p = parent;
    for (;;) {
      const conflict = __request_resource(p, res);
      if (conflict === null) return res;
      // Descend only into a non-busy resource that wholly contains the request.
      if (conflict !== p && (conflict.flags & IORESOURCE_BUSY) === 0) {
        p = conflict;
        continue;
      }
      return null;
    }
  }

  /** request_mem_region(): returns the busy resource, or null if [start, start+n) is busy or straddles a resource. */
  request_mem_region(start: number, n: number, name: string, owner = name): resource | null {
    return this.__request_region(this.iomem_resource, start, n, name, owner);
  }

  /** request_region(): request_mem_region for I/O ports. */
  request_region(start: number, n: number, name: string, owner = name): resource | null {
    return this.__request_region(this.ioport_resource, start, n, name, owner);
  }

  /** __release_region(): frees the busy region exactly [start, start+n); 0, or -ENOENT (Linux only warns) if none. */
  __release_region(parent: resource, start: number, n: number): number {
    const end = start + n - 1;
    let p = parent;
    for (;;) {
      const i = firstChildEndingAtOrAfter(p, start);
      const res = p.children[i];
      if (res === undefined || !(res.start <= start && res.end >= end)) break;
      if ((res.flags & IORESOURCE_BUSY) === 0) {
        p = res;
        continue;
      }
      if (res.start !== start || res.end !== end) break;
      p.children.splice(i, 1);
      res.parent = null;
      return 0;
    }
    this.k.dmesg.printk('warn', `Trying to free nonexistent resource <${hex16(start)}-${hex16(end)}>`);
    return -ENOENT;
  }

  /** release_mem_region(): see __release_region. */
  release_mem_region(start: number, n: number): number {
    return this.__release_region(this.iomem_resource, start, n);
  }

  /** release_region(): release_mem_region for I/O ports. */
  release_region(start: number, n: number): number {
    return this.__release_region(this.ioport_resource, start, n);
  }

  /** release_resource(): unlinks `old` with its whole subtree; 0, or -EINVAL if it is not in a tree. */
  release_resource(old: resource): number {
    const parent = old.parent;
    if (parent === null) return -EINVAL;
    const i = parent.children.indexOf(old);
    if (i < 0) throw new Error(`resource tree corrupt: ${old.name} not among its parent's children`);
    parent.children.splice(i, 1);
    old.parent = null;
    return 0;
  }

  /**
   * allocate_resource(): first fit, lowest address first, of `size` bytes aligned to `align`
   * inside `root` (and inside [min, max] if given); returns the new (non-busy) resource, or
   * null (Linux: -EBUSY) if no gap fits. `opts.res` must not be in a tree.
   */
  allocate_resource(
    root: resource,
    size: number,
    align: number,
    name: string,
    opts: { owner?: string; flags?: number; min?: number; max?: number; res?: resource } = {},
  ): resource | null {
    if (size <= 0 || align <= 0) return null;
    if (opts.res !== undefined && opts.res.parent !== null) throw new Error(`allocate_resource: ${opts.res.name} is already in a tree`);
    const min = Math.max(root.start, opts.min ?? root.start);
    const max = Math.min(root.end, opts.max ?? root.end);
    let gapStart = min;
    for (let i = 0; i <= root.children.length; i++) {
      const c = root.children[i];
      const gapEnd = Math.min(max, c === undefined ? root.end : c.start - 1);
      const s = Math.ceil(gapStart / align) * align;
      if (s + size - 1 <= gapEnd) {
        // Like Linux's `new` argument, the caller may pass the struct resource to fill.
        const res = opts.res ?? new_resource(name, 0, 0, 0);
        res.name = name;
        res.start = s;
        res.end = s + size - 1;
        res.flags = opts.flags ?? (root.flags & IORESOURCE_TYPE_BITS);
        res.owner = opts.owner ?? name;
        res.allocTick = this.k.tick();
        if (__request_resource(root, res) !== null) throw new Error(`allocate_resource: gap [${hex(s)}, ${hex(s + size)}) was not free`);
        return res;
      }
      if (c === undefined || c.start > max) break;
      gapStart = Math.max(gapStart, c.end + 1);
    }
    return null;
  }

  /** The deepest resource (never a root) holding `phys`, or null. */
  lookup(phys: number, root: resource = this.iomem_resource): resource | null {
    let found: resource | null = null;
    let p = root;
    for (;;) {
      const c = p.children[firstChildEndingAtOrAfter(p, phys)];
      if (c === undefined || c.start > phys) return found;
      found = c;
      p = c;
    }
  }

  /** Re-checks both trees: ranges inside parents, children sorted and disjoint, parent links. */
  validate(): string[] {
    const errs: string[] = [];
    const walk = (r: resource): void => {
      if (r.end < r.start) errs.push(`${r.name}: end ${hex(r.end)} < start ${hex(r.start)}`);
      let prevEnd = -1;
      for (const c of r.children) {
        if (c.parent !== r) errs.push(`${c.name}: parent link does not point at ${r.name}`);
        if (c.start < r.start || c.end > r.end) errs.push(`${c.name} ${format_resource(c)} leaves parent ${r.name} ${format_resource(r)}`);
        if (c.start <= prevEnd) errs.push(`${c.name} ${format_resource(c)} overlaps or precedes its sibling`);
        prevEnd = c.end;
        walk(c);
      }
    };
    walk(this.iomem_resource);
    walk(this.ioport_resource);
    return errs;
  }
}

function hex16(n: number): string {
  return `0x${n.toString(16).padStart(16, '0')}`;
}

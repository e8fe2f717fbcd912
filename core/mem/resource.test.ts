import { describe, expect, it } from 'vitest';
import { KernelBase } from '../kernel/index.ts';
import { EBUSY, EINVAL, ENOENT } from '../kernel/errno.ts';
import { IORESOURCE_BUSY, IORESOURCE_MEM, ResourceTree, format_resource, new_resource, resource_size } from './resource.ts';

const GiB = 2 ** 30;
const WIN = 0x80_0000_0000;

function setup(): { k: KernelBase; t: ResourceTree; win: ReturnType<typeof new_resource> } {
  const k = new KernelBase(1);
  const t = new ResourceTree(k);
  const win = new_resource('PCI Bus 0000:00', WIN, WIN + 256 * GiB - 1, IORESOURCE_MEM);
  expect(t.request_resource(t.iomem_resource, win)).toBe(0);
  return { k, t, win };
}

describe('allocate_resource', () => {
  it('is first-fit from the lowest address and honours alignment', () => {
    const { t, win } = setup();
    const a = t.allocate_resource(win, 0x1000, 0x1000, 'a')!;
    const b = t.allocate_resource(win, 0x10000, 0x10000, 'b')!;
    expect(a.start).toBe(WIN);
    expect(b.start).toBe(WIN + 0x10000);
    expect(b.start % 0x10000).toBe(0);
    const c = t.allocate_resource(win, 0x1000, 0x1000, 'c')!;
    expect(c.start).toBe(WIN + 0x1000);
    expect(t.validate()).toEqual([]);
  });

  it('hands a released range to the next request of the same size', () => {
    const { t, win } = setup();
    const x = t.allocate_resource(win, GiB, GiB, 'x')!;
    t.allocate_resource(win, GiB, GiB, 'other');
    expect(t.release_resource(x)).toBe(0);
    const y = t.allocate_resource(win, GiB, GiB, 'y')!;
    expect(y.start).toBe(x.start);
    expect(y.end).toBe(x.end);
    expect(t.validate()).toEqual([]);
  });

  it('is deterministic: two trees given the same requests agree', () => {
    const run = (): number[] => {
      const { t, win } = setup();
      const out: number[] = [];
      const sizes = [0x4000, 0x1000, GiB, 0x100000, 0x1000];
      const got = sizes.map((s, i) => t.allocate_resource(win, s, s, `r${i}`)!);
      t.release_resource(got[1]!);
      t.release_resource(got[3]!);
      for (const s of [0x1000, 0x100000, 0x2000]) out.push(t.allocate_resource(win, s, s, 'again')!.start);
      return [...got.map((r) => r.start), ...out];
    };
    expect(run()).toEqual(run());
  });

  it('returns null when no aligned gap fits', () => {
    const { t, win } = setup();
    expect(t.allocate_resource(win, 512 * GiB, GiB, 'huge')).toBeNull();
    expect(t.allocate_resource(win, 0, 0x1000, 'empty')).toBeNull();
  });

  it('records the tick of allocation', () => {
    const { k, t, win } = setup();
    k.advance(7);
    expect(t.allocate_resource(win, 0x1000, 0x1000, 'a')!.allocTick).toBe(7);
  });
});

describe('request_mem_region', () => {
  it('nests a busy region inside a non-busy one and refuses overlaps', () => {
    const { t, win } = setup();
    const bar = t.allocate_resource(win, 0x4000, 0x4000, '0000:01:00.0')!;
    const r = t.request_mem_region(bar.start, 0x4000, 'vfio-pci')!;
    expect(r.parent).toBe(bar);
    expect((r.flags & IORESOURCE_BUSY) !== 0).toBe(true);
    expect(t.request_mem_region(bar.start + 0x1000, 0x1000, 'again')).toBeNull();
    expect(t.request_mem_region(bar.start + 0x2000, 0x4000, 'straddles')).toBeNull();
    expect(t.validate()).toEqual([]);
  });

  it('release_mem_region frees only an exact busy match', () => {
    const { k, t, win } = setup();
    const bar = t.allocate_resource(win, 0x4000, 0x4000, 'bar')!;
    t.request_mem_region(bar.start, 0x4000, 'drv');
    expect(t.release_mem_region(bar.start, 0x1000)).toBe(-ENOENT);
    expect(k.dmesg.format()).toContain('Trying to free nonexistent resource');
    expect(t.release_mem_region(bar.start, 0x4000)).toBe(0);
    expect(bar.children).toEqual([]);
    expect(t.request_mem_region(bar.start, 0x4000, 'drv2')).not.toBeNull();
  });

  it('request_resource refuses a range outside the root or overlapping', () => {
    const { t, win } = setup();
    expect(t.request_resource(win, new_resource('out', 0, 0xfff, IORESOURCE_MEM))).toBe(-EBUSY);
    expect(t.request_resource(win, new_resource('in', WIN, WIN + 0xfff, IORESOURCE_MEM))).toBe(0);
    expect(t.request_resource(win, new_resource('dup', WIN + 0x800, WIN + 0x17ff, IORESOURCE_MEM))).toBe(-EBUSY);
    expect(t.release_resource(new_resource('loose', 0, 1, 0))).toBe(-EINVAL);
  });
});

describe('lookup', () => {
  it('returns the deepest resource holding an address', () => {
    const { t, win } = setup();
    const bar = t.allocate_resource(win, 0x4000, 0x4000, 'bar')!;
    const busy = t.request_mem_region(bar.start + 0x1000, 0x1000, 'drv')!;
    expect(t.lookup(bar.start)).toBe(bar);
    expect(t.lookup(bar.start + 0x1800)).toBe(busy);
    expect(t.lookup(bar.end + 1)).toBe(win);
    expect(t.lookup(0x1000)).toBeNull();
  });

  it('formats like %pR', () => {
    const { t, win } = setup();
    const bar = t.allocate_resource(win, 0x1000, 0x1000, 'bar')!;
    expect(format_resource(bar)).toBe('[mem 0x8000000000-0x8000000fff]');
    expect(resource_size(bar)).toBe(0x1000);
  });
});

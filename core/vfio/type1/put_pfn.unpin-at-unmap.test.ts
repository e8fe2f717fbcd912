// put_pfn() re-decides at unmap (v5.12 vfio_unmap_unpin -> vfio_unpin_pages_remote ->
// put_pfn): a PFNMAP pfn that type1 never pinned, whose reserved RAM was freed and
// reused meanwhile, is unpinned from its new owner: VM_BUG_ON_PAGE in
// put_compound_head on a CONFIG_DEBUG_VM kernel.
import { describe, expect, it } from 'vitest';
import { isCrashed } from '../../machine/kernel.ts';
import { IOVA, MiB, mdevRamReusedUnderDma, ok, qemu } from '../../machine/testing.ts';
import { V5_12_DESIGN, v5_12_type1_patch } from '../default_design.ts';
import type { Design } from '../design.ts';

describe('put_pfn: unpin at unmap re-decides per pfn', () => {
  it('explicit UNMAP_DMA of a reused PFNMAP run hits VM_BUG_ON_PAGE in put_compound_head', () => {
    const m = mdevRamReusedUnderDma(V5_12_DESIGN);
    const r = m.unmapDma('qemu', IOVA, 4 * 4096);
    const log = m.k.dmesg.format();
    expect(isCrashed(r), log).toBe(true);
    if (!isCrashed(r)) return;
    expect(r.oops.fn).toBe('put_compound_head');
    expect(r.oops.message).toBe('kernel BUG at mm/gup.c!');
    expect(log).toContain('page dumped because: VM_BUG_ON_PAGE(page_ref_count(page) < refs)');
  });

  it('container release at exit does the same (vfio_iommu_type1_release -> vfio_remove_dma)', () => {
    const m = mdevRamReusedUnderDma(V5_12_DESIGN);
    const r = m.exit('qemu');
    expect(isCrashed(r) && r.oops.fn).toBe('put_compound_head');
  });

  it('a PFNMAP run whose pages are still reserved unpins nothing', () => {
    const { m } = qemu(V5_12_DESIGN);
    ok(m.addMdev('vgpu', 4));
    const fd = ok(m.openDevice('qemu', 'vgpu'));
    const a = ok(m.mmap('qemu', { fd, offset: 0, length: 4 * 4096, shared: true, prot: 'rw' }));
    ok(m.mapDma('qemu', { vaddr: a, iova: IOVA, size: 4 * 4096, flags: 3 }));
    expect(ok(m.unmapDma('qemu', IOVA, 4 * 4096))).toBe(4 * 4096);
    expect(m.k.dmesg.format()).not.toContain('VM_BUG_ON_PAGE');
  });

  it('a BAR run is never RAM: unmapping 1 GiB of BAR costs the refcount operations of one page', () => {
    const unmapCost = (size: number): number => {
      const { m, bar0 } = qemu(V5_12_DESIGN, 1024 * MiB);
      ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size, flags: 3 }));
      const before = m.k.cost.refcountOps;
      expect(ok(m.unmapDma('qemu', IOVA, size))).toBe(size);
      return m.k.cost.refcountOps - before;
    };
    expect(unmapCost(1024 * MiB)).toBe(unmapCost(4096));
  });

  it('a run whose importer declares unpin "none" (iommufd dma-buf area) never reaches put_pfn', () => {
    const base = v5_12_type1_patch();
    const noPutPfn: Design = {
      ...V5_12_DESIGN,
      name: 'test-no-put-pfn',
      install: () => ({
        ...base,
        pfnmap_lookup(a) {
          const r = base.pfnmap_lookup(a);
          return 'pfn' in r ? { ...r, unpin: 'none' } : r;
        },
      }),
    };
    const m = mdevRamReusedUnderDma(noPutPfn);
    expect(ok(m.unmapDma('qemu', IOVA, 4 * 4096))).toBe(4 * 4096);
    expect(m.k.dmesg.format()).not.toContain('VM_BUG_ON_PAGE');
  });
});

// The teardown audit looks at every container still referenced after all tasks exited
// (with its IOMMU mappings), and at what type1 release found still in a domain when a
// container's last group left.
import { describe, expect, it } from 'vitest';
import { iommu_map } from '../iommu/index.ts';
import { get_file } from '../mm/index.ts';
import { IOVA, MiB, iommuOf, ok, qemu } from './testing.ts';

describe('audit: containers', () => {
  it('a container file with a leaked reference is reported with its mappings', () => {
    const { m, bar0 } = qemu();
    ok(m.mapDma('qemu', { vaddr: bar0, iova: IOVA, size: MiB, flags: 3 }));
    const [, container] = [...m.task('qemu').files].find(([, f]) => f.name.startsWith('vfio-container:'))!;
    get_file(m.k, container);
    // The groups leave when their fds close, so type1 is released; only the container stays.
    const found = m.teardown();
    expect(found.map((f) => f.what)).toEqual(['container']);
    expect(found[0]!.detail).toMatch(/^vfio container \d+ still referenced \(kref 1\)$/);
  });

  it('an IOMMU mapping no vfio_dma tracks is reported at type1 release', () => {
    const { m } = qemu();
    const iommu = iommuOf(m, 'qemu');
    expect(iommu_map(m.k, iommu.domain, IOVA, 0x1234_5000, 4096, 3)).toBe(0);
    const found = m.teardown();
    expect(found.map((f) => f.what)).toEqual(['iommu-mapping']);
    expect(found[0]!.detail).toContain('still mapped at type1 release');
  });
});

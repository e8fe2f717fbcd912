// The teardown audit: after every task has exited (closing its fds and its mm; a
// container goes with the last file or group that references it), whatever a correct
// kernel would have released and did not is a leak. It looks at every container still
// referenced (with its IOMMU mappings) and at what type1 release left in a domain when
// a container's last group went. Each finding names the object, like kmemleak would.
import type { Machine } from './machine.ts';

export interface AuditFinding {
  readonly what: 'device-ref' | 'blocked-removal' | 'pinned-page' | 'slab-object' | 'iommu-mapping' | 'reserved-page' | 'container';
  readonly detail: string;
}

/** Slab types that legitimately outlive the tasks: registered devices. */
const LONG_LIVED = new Set(['vfio_device']);

export function audit(m: Machine): AuditFinding[] {
  const k = m.k;
  const out: AuditFinding[] = [];
  for (const vdev of k.vfio.devices.values()) {
    if (vdev.state === 'registered' && vdev.refcount.refs > 1) {
      out.push({ what: 'device-ref', detail: `vfio_device ${vdev.name}: ${vdev.refcount.refs - 1} reference(s) beyond the registration` });
    }
    if (vdev.state === 'unregistering') {
      out.push({ what: 'blocked-removal', detail: `vfio_device ${vdev.name}: removal still waiting for its users (refcount ${vdev.refcount.refs})` });
    }
  }
  for (const c of k.vfio.containers) {
    const groups = c.group_list.map((g) => g.id).join(', ');
    out.push({ what: 'container', detail: `vfio container ${c.id} still referenced (kref ${c.kref.refs}${groups ? `, groups ${groups}` : ''})` });
    if (!c.iommu) continue;
    for (const e of c.iommu.domain.map.all()) {
      out.push({ what: 'iommu-mapping', detail: `iommu domain ${c.iommu.domain.id}: iova page 0x${e.start.toString(16)}+${e.end - e.start} still mapped` });
    }
  }
  for (const line of k.vfio.releaseLeftovers) out.push({ what: 'iommu-mapping', detail: line });
  for (const p of k.mem.pinnedPages()) {
    out.push({ what: 'pinned-page', detail: `pfn 0x${p.pfn.toString(16)} (${p.owner}) still pinned` });
  }
  for (const o of k.slab.liveObjects()) {
    if (LONG_LIVED.has(o.type.name)) continue;
    out.push({ what: 'slab-object', detail: `unreferenced object ${o.type.name} allocated by ${o.allocFn} (tick ${o.allocTick})` });
  }
  return out;
}

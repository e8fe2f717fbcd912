// Attaching groups to domains (drivers/iommu/iommu.c). Without a default domain in the
// model, a group that is not attached blocks all DMA.
import { EBUSY, ENODEV } from '../kernel/errno.ts';
import { type iommu_domain, type iommu_group } from './types.ts';

/** iommu_attach_group(): 0, -EBUSY if the group is already attached to a domain, -ENODEV if the domain is freed. */
export function iommu_attach_group(domain: iommu_domain, group: iommu_group): number {
  if (domain.freed) return -ENODEV;
  if (group.domain !== null) return -EBUSY;
  group.domain = domain;
  domain.groups.add(group);
  return 0;
}

/** iommu_detach_group(): the group's DMA is blocked again; nothing if it was not attached to `domain`. */
export function iommu_detach_group(domain: iommu_domain, group: iommu_group): void {
  if (group.domain !== domain) return;
  group.domain = null;
  domain.groups.delete(group);
}

/** iommu_group_id(): the group's number, as in /sys/kernel/iommu_groups/N. */
export function iommu_group_id(group: iommu_group): number {
  return group.id;
}

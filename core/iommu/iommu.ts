// One machine's IOMMU (an Intel VT-d unit, "dmar0") and the iommu core state Linux keeps
// in globals: group and domain ids, the device -> group link (dev->iommu_group), and the
// DMA log. Devices are probed through the PCI bus notifier, as iommu_bus_notifier does.
import { ExtentMap, type KernelBase } from '../kernel/index.ts';
import { type PhysBus, type pci_dev } from '../pci/index.ts';
import { DmaLog } from './dma_log.ts';
import { iommu_domain_validate } from './map.ts';
import { type IovaPte, type iommu_domain, type iommu_group } from './types.ts';

function rebasePte(v: IovaPte, delta: number): IovaPte {
  return delta === 0 ? v : { ...v, pfn: v.pfn + delta };
}

export class Iommu {
  /** Every DMA any device made, in order (ghost: read by the machine and the classifier). */
  readonly dmaLog = new DmaLog();
  private readonly groupOf = new Map<pci_dev, iommu_group>();
  private readonly domains: iommu_domain[] = [];
  private nextGroupId = 0;
  private nextDomainId = 1;

  constructor(readonly k: KernelBase, readonly physbus: PhysBus) {
    physbus.pci.bus_register_notifier((action, dev) => {
      if (action === 'BUS_NOTIFY_ADD_DEVICE') this.iommu_probe_device(dev);
      else if (action === 'BUS_NOTIFY_DEL_DEVICE') this.iommu_release_device(dev);
    });
    for (const dev of physbus.pci.devices()) if (dev.state !== 'removed') this.iommu_probe_device(dev);
  }

  /** iommu_probe_device(): puts `dev` in a new group of its own; returns 0 (already probed is fine). */
  iommu_probe_device(dev: pci_dev): number {
    if (this.groupOf.has(dev)) return 0;
    const group: iommu_group = { id: this.nextGroupId++, devices: [dev], domain: null };
    this.groupOf.set(dev, group);
    this.k.printk(`pci ${dev.name}: Adding to iommu group ${group.id}`);
    return 0;
  }

  /** iommu_release_device(): takes `dev` out of its group; the group (and any attachment) lives on for whoever holds it. */
  iommu_release_device(dev: pci_dev): void {
    const group = this.groupOf.get(dev);
    if (group === undefined) return;
    group.devices.splice(group.devices.indexOf(dev), 1);
    this.groupOf.delete(dev);
    this.k.printk(`pci ${dev.name}: Removing from iommu group ${group.id}`);
  }

  /** iommu_group_get(): the device's group, or null if it has none (never probed or removed). */
  iommu_group_get(dev: pci_dev): iommu_group | null {
    return this.groupOf.get(dev) ?? null;
  }

  /** iommu_domain_alloc(): a new, empty unmanaged domain (Linux: NULL on -ENOMEM; not modelled). */
  iommu_domain_alloc(): iommu_domain {
    this.k.countAlloc();
    const domain: iommu_domain = {
      id: this.nextDomainId++, type: 'IOMMU_DOMAIN_UNMANAGED', map: new ExtentMap<IovaPte>(rebasePte),
      groups: new Set(), ghost: this.physbus, freed: false,
    };
    this.domains.push(domain);
    return domain;
  }

  /** iommu_domain_free(): drops the domain and its page table. Freeing one still attached is a bug of ours. */
  iommu_domain_free(domain: iommu_domain): void {
    if (domain.groups.size > 0) throw new Error(`iommu_domain_free: domain ${domain.id} still has ${domain.groups.size} group(s) attached`);
    domain.map.clear();
    domain.freed = true;
    this.domains.splice(this.domains.indexOf(domain), 1);
  }

  /** Live domains, in allocation order. */
  live_domains(): readonly iommu_domain[] {
    return this.domains;
  }

  /** Re-checks every live domain and the group links. */
  validate(): string[] {
    // Plain loops (no flatMap, no [key, value] entry arrays): this runs after every step.
    const errs: string[] = [];
    for (const domain of this.domains) for (const e of iommu_domain_validate(domain)) errs.push(e);
    this.groupOf.forEach((g, dev) => {
      if (!g.devices.includes(dev)) errs.push(`group ${g.id}: ${dev.name} points at it but is not a member`);
      if (g.domain !== null && (!g.domain.groups.has(g) || g.domain.freed)) errs.push(`group ${g.id}: attached to domain ${g.domain.id} that does not list it`);
    });
    return errs;
  }
}

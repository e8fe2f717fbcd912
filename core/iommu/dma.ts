// A device doing DMA through the IOMMU (the hardware walk of intel/iommu.c's page
// table, dmar_fault() for what it refuses). The access itself goes through PhysBus, so
// it lands on whatever owns the pfn now: RAM, a live BAR, a BAR that has been given to
// another device, or a BAR with decode off (an Unsupported Request, the CVE-2020-12888
// class). The ghost fields of the IOVA PTE tell us whether that is what was mapped.
import { tohex, type KernelBase } from '../kernel/index.ts';
import { PAGE_SIZE, describe_owner, type Owner, type pci_dev } from '../pci/index.ts';
import { type DmaRecord, type StaleReason } from './dma_log.ts';
import { type Iommu } from './iommu.ts';
import { IOMMU_READ, IOMMU_WRITE, type IovaPte } from './types.ts';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** dmar_get_fault_reason() strings for the reasons the model produces. */
const FAULT_REASONS: Readonly<Record<number, string>> = {
  0x02: 'Present bit in context entry is clear',
  0x05: 'PTE Write access is not set',
  0x06: 'PTE Read access is not set',
};

/** "01:00.0" from "0000:01:00.0", as dmar_fault_do_one prints the source id. */
function short_bdf(name: string): string {
  return name.slice(5);
}

/** dmar_fault_do_one(): the fault line VT-d logs for a blocked request. */
function dmar_fault(k: KernelBase, dev: pci_dev, iova: number, write: boolean, reason: number): void {
  const addr = iova - (iova % PAGE_SIZE);
  k.dmesg.printk('err', 'DMAR: DRHD: handling fault status reg 2');
  k.dmesg.printk('err', `DMAR: [${write ? 'DMA Write' : 'DMA Read'} NO_PASID] Request device [${short_bdf(dev.name)}] ` +
    `fault addr 0x${tohex(addr)} [fault reason 0x${reason.toString(16).padStart(2, '0')}] ${FAULT_REASONS[reason] ?? 'Unknown'}`);
}

/**
 * Ghost judgement: is what the DMA reached still what the mapping was made for? A BAR
 * that is still the mapped one but has decode off is not stale (see device_dma).
 */
export function judge(hit: Owner, pte: IovaPte): StaleReason | null {
  switch (hit.kind) {
    case 'none':
      return 'no-owner';
    case 'ram':
      if (hit.free) return 'ram-freed';
      if (hit.allocTick > pte.mapTick) return 'ram-reallocated';
      return describe_owner(hit) !== pte.intended ? 'owner-changed' : null;
    case 'mmio':
      if (hit.removed) return 'device-removed';
      if (hit.allocTick > pte.mapTick) return 'bar-reallocated';
      if (describe_owner(hit) !== pte.intended) return 'owner-changed';
      // The same BAR, decoding, but its user let go of the device (closed, reset, left in
      // D0 by disable_idle_d3) and nobody took it since, or after the mapping was made: the
      // access lands in a device handed back to the host, or to its next user. With decode
      // off it is an Unsupported Request instead.
      return hit.decode && (hit.idle || hit.releasedTick > pte.mapTick) ? 'device-released' : null;
  }
}

/**
 * A 32-bit DMA by `dev` at `iova`: a write of `value`, or a read. Translated through the
 * domain the device's group is attached to; no domain, no mapping or a missing
 * permission is an IOMMU fault (blocked, DMAR line logged). Otherwise the access is
 * done and judged. Every DMA is appended to iommu.dmaLog. A removed device cannot DMA:
 * asking it to is a harness bug and throws.
 */
export function device_dma(k: KernelBase, iommu: Iommu, dev: pci_dev, iova: number, write: boolean, value = 0): DmaRecord {
  if (dev.state === 'removed') throw new Error(`device_dma: ${dev.name} has been removed`);
  if (!Number.isInteger(iova) || iova < 0) throw new Error(`device_dma: bad iova ${iova}`);
  const tick = k.tick();
  const domain = iommu.iommu_group_get(dev)?.domain ?? null;
  const need = write ? IOMMU_WRITE : IOMMU_READ;
  const hit = domain === null ? undefined : domain.map.lookup(Math.floor(iova / PAGE_SIZE));
  if (hit === undefined || (hit.value.prot & need) === 0) {
    dmar_fault(k, dev, iova, write, domain === null ? 0x02 : write ? 0x05 : 0x06);
    return iommu.dmaLog.push({
      tick, device: dev.name, iova, write, value: write ? value >>> 0 : 0xffffffff, result: 'iommu-fault',
      hit: { kind: 'none', pfn: -1 }, stale: false,
    });
  }
  const pte = hit.value;
  const off = iova % PAGE_SIZE;
  const owner = iommu.physbus.ownerOf(pte.pfn);
  let v = value >>> 0;
  if (write) iommu.physbus.write(pte.pfn, off, v);
  else v = iommu.physbus.read(pte.pfn, off);
  const reason = judge(owner, pte);
  const ur = reason === null && owner.kind === 'mmio' && !owner.decode;
  // Built field by field, in the order the conditional spreads gave: those spreads were
  // the costliest part of a DMA step.
  const rec: Writable<Omit<DmaRecord, 'seq'>> = {
    tick, device: dev.name, iova, write, value: v, result: 'ok', pfn: pte.pfn, hit: owner,
    intended: { desc: pte.intended, mapTick: pte.mapTick }, stale: reason !== null,
  };
  if (reason !== null) rec.staleReason = reason;
  if (ur) rec.unsupportedRequest = true;
  return iommu.dmaLog.push(rec);
}


// The open questions of the proposals, each with the seed line or kernel source of every
// reading. Data only: a design's `readings` and a variant's `variant` point here, and the
// report groups rows by the question text. The seed thread is one line long
// (/work/shared/seed/000_4f622e467a2531a0.txt, line 1), so a source names the author and
// quotes the phrase.

export const QUESTIONS = {
  magic: 'does type1 check the vm_private_data magic before the cast?',
  followPfn: 'does type1 keep the old follow_pfn path for a PFNMAP vma that is not vfio\'s?',
  idleD3: 'where does vfio-pci leave a device after its last close?',
  exporters: 'which devices can export a dma-buf?',
} as const;

export type QuestionKey = keyof typeof QUESTIONS;

/** One reading of a question: what it says and where that comes from. */
export interface Reading {
  /** A few words for titles: "type1 checks the magic". */
  readonly label: string;
  readonly reading: string;
  readonly source: string;
}

const SEED = 'seed line 1';

export const READINGS = {
  magic: {
    vmOpsOnly: {
      label: 'vm_ops alone, no magic check',
      reading: 'no: type1 identifies a vfio vma by vm_ops alone and casts vm_private_data; nothing reads the magic',
      source: `${SEED} (Alex Williamson): "we can identify participating vmas by the vm_ops" ... "cast it as a vfio_vma_private_data and directly use base_pfn"; his proposal names no magic`,
    },
    checked: {
      label: 'type1 checks the magic',
      reading: 'yes: type1 checks the unique magic every driver must set before the cast; a mismatch is treated as an opted-out (non-vfio) vma',
      source: `${SEED} (Jason Gunthorpe): "omitting the unique vm_private_data magics is a very easy mistake to make", i.e. every driver sets a magic that someone checks`,
    },
  },
  followPfn: {
    fastPath: {
      label: 'follow_pfn kept for non-vfio vmas',
      reading: 'yes: the vfio lookup is a fast path; any other PFNMAP vma still goes through v5.12 follow_fault_pfn() with no reference',
      source: `${SEED} (Alex Williamson): "unless a bus driver opts-out by replacing vm_private_data, we can identify participating vmas" ... "if they get a valid vfio_device from the vma, use the pfn_base field directly"; the else is v5.12 vaddr_get_pfns() -> follow_fault_pfn() (drivers/vfio/vfio_iommu_type1.c)`,
    },
    vfioOnly: {
      label: 'non-vfio vmas refused',
      reading: 'no: a PFNMAP vma that is not vfio\'s is refused with -EINVAL',
      source: `${SEED} (Jason Gunthorpe): "struct vfio_device *vfio = vfio_device_get_from_vma(vma) if (!vfio->vma_to_pfn) return -EINVAL;" shows no other path for the IOMMU code`,
    },
  },
  idleD3: {
    d3hot: {
      label: 'D3hot after close',
      reading: 'D3hot: vfio_pci.disable_idle_d3=N (the module default); a closed device\'s BAR does not decode',
      source: 'v5.12 drivers/vfio/pci/vfio_pci.c vfio_pci_disable(): after the reset and pci_restore_state(), vfio_pci_set_power_state(PCI_D3hot) unless disable_idle_d3 is set',
    },
    d0: {
      label: 'D0 after close (disable_idle_d3)',
      reading: 'D0: vfio_pci.disable_idle_d3=Y; the device is reset, its config restored (memory decode on, bus mastering off) and left in D0',
      source: 'v5.12 drivers/vfio/pci/vfio_pci.c: module parameter disable_idle_d3; vfio_pci_disable() skips the D3hot transition when it is set',
    },
  },
  exporters: {
    vfioPciOnly: {
      label: 'only vfio-pci exports',
      reading: 'only vfio-pci-core devices (get_dmabuf_phys); iommufd refuses any other dma-buf, so mdev-ram cannot be mapped',
      source: 'v6.19 drivers/vfio/pci/vfio_pci_dmabuf.c: vfio_pci_core_feature_dma_buf() needs pci_ops->get_dmabuf_phys, vfio_pci_dma_buf_iommufd_map() gives -EOPNOTSUPP for a dma-buf whose ops are not vfio-pci\'s or that has more than one range; v6.19 drivers/vfio/vfio_main.c vfio_ioctl_device_feature(): -ENOTTY for a driver with no device_feature op',
    },
    mdevToo: {
      label: 'mdev-ram exports too (beyond the tree)',
      reading: 'mdev-ram exports its RAM block as a dma-buf and iommufd accepts it',
      source: 'beyond the tree: no mdev driver exports a dma-buf to iommufd in v6.19 (vfio_pci_dma_buf_iommufd_map refuses non-vfio-pci dma-bufs with -EOPNOTSUPP)',
    },
  },
} as const satisfies Readonly<Record<QuestionKey, Readonly<Record<string, Reading>>>>;

/** The source of a reading, found by its question and text (a design's `readings` hold the text only). */
export function sourceOf(question: string, reading: string): string | undefined {
  const key = (Object.keys(QUESTIONS) as QuestionKey[]).find((q) => QUESTIONS[q] === question);
  if (key === undefined) return undefined;
  const all: Readonly<Record<string, Reading>> = READINGS[key];
  return Object.values(all).find((r) => r.reading === reading)?.source;
}

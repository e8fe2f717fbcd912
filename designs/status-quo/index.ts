// status-quo: vfio type1 as of v5.12 (March 2021), the code the seed thread set out to
// fix. For a VM_PFNMAP vma, vaddr_get_pfns() -> follow_fault_pfn(): fault the page in,
// follow_pfn(), and map the pfn with no reference on the vma, the file or the device.
// Nothing tells type1 when the memory goes away. The core's default lookup point is
// exactly this code, so the design is the core's own patch under its report name.
import { V5_12_DESIGN, v5_12_type1_patch, type Design } from '../api.ts';

export const statusQuo: Design = {
  ...V5_12_DESIGN,
  name: 'status-quo',
  summary: 'type1 walks the page table and maps the pfn it finds; it holds nothing, so the IOMMU keeps pointing at the range after the owner is gone.',
  install: () => v5_12_type1_patch(),
};

// The vocabulary of driver mistakes a scenario can ask for (`driver-mistake` steps).
// The names are generic: each design maps the ones its driver obligations can express
// (Obligation.mistakeNames); a scenario naming a mistake a design cannot express is
// `n/a` for that design, not a score. The loader refuses names outside this list.

/** Mistake name -> what the bus driver author got wrong, in one line. */
export const MISTAKES = {
  'omits-magic': 'forgets to write the vfio vma magic into vm_private_data (the seed: "omitting the unique vm_private_data magics is a very easy mistake")',
  'replaces-private-data': 'stores its own pointer in vm_private_data after vfio core set it, keeping vfio_vm_ops installed (type confusion)',
  'missing-vma-to-pfn': 'does not implement the op that turns a vma offset into a pfn (ops->vma_to_pfn or its equivalent)',
  'no-bounds-check': 'does not check that vm_pgoff + offset falls inside the region before computing a pfn',
  'wrong-memory-flag': 'sets or clears the "maps device memory" flag wrongly, so the wrong kind of reference is taken',
  'skips-open': 'vm_ops->open takes no reference for a new vma (split, fork) while vm_ops->close still drops one',
  'wrong-base-pfn': 'computes the base pfn wrongly (e.g. forgets pci_resource_start(bar) or the region part of vm_pgoff)',
} as const satisfies Readonly<Record<string, string>>;

export type MistakeName = keyof typeof MISTAKES;

export const MISTAKE_NAMES = Object.keys(MISTAKES) as MistakeName[];

export function isMistakeName(s: string): s is MistakeName {
  return Object.hasOwn(MISTAKES, s);
}

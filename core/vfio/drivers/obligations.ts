// Obligations every design inherits from the bus drivers themselves (not from the
// pfn-lookup design): the steps a driver must get right whatever type1 does.
import type { Obligation } from '../design.ts';

export const BASE_DRIVER_OBLIGATIONS: readonly Obligation[] = [
  {
    id: 'take-ref-on-open',
    driver: 'mdev-ram',
    what: 'vm_ops->open takes a reference on the backing block for each new vma (split, fork), paired with the put in vm_ops->close',
    kinds: ['omit'],
    mistakeNames: { omit: 'skips-open' },
  },
];

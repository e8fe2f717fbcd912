// Test-only broken designs: driver-op with one hook sabotaged. They exist so tests can
// check that the fuzzer finds, shrinks and reports a bug whose minimal form is known.
import type { Design } from '../../core/index.ts';
import { DESIGNS } from '../../designs/registry.ts';

const base = DESIGNS['driver-op'];

/** Never drops what the lookup took: any MAP_DMA of device memory leaks a device reference. */
export const LEAKY: Design = {
  ...base, name: 'leaky',
  install: (k) => ({ ...base.install(k), release: () => undefined }),
};

/** MAP_DMA of any PFNMAP vma fails with EAGAIN, an errno MAP_DMA cannot return. */
export const WRONG_ERRNO: Design = {
  ...base, name: 'wrong-errno',
  install: (k) => ({ ...base.install(k), pfnmap_lookup: () => ({ ret: -11 }) }),
};

// The VFIO_IOMMU_MAP_DMA / VFIO_IOMMU_UNMAP_DMA argument structs
// (include/uapi/linux/vfio.h): every field is a __u64. The uapi layer keeps them exact
// (bigint) until the kernel's own checks have proved they fit; only then does the
// inner core, which works in numbers, see them.

/** A __u64 from user space. */
export type u64 = bigint;

export const U64_MAX = (1n << 64n) - 1n;
/** SIZE_MAX on a 64-bit kernel. */
export const SIZE_MAX = U64_MAX;

/** struct vfio_iommu_type1_dma_map (argsz is not modelled). */
export interface vfio_iommu_type1_dma_map {
  readonly flags: number;
  readonly vaddr: u64;
  readonly iova: u64;
  readonly size: u64;
}

/** struct vfio_iommu_type1_dma_unmap (argsz and the dirty bitmap are not modelled). */
export interface vfio_iommu_type1_dma_unmap {
  readonly flags: number;
  readonly iova: u64;
  readonly size: u64;
}

/** v5.12 VFIO_DMA_UNMAP_FLAG_ALL: unmap every mapping; iova and size must be 0. */
export const VFIO_DMA_UNMAP_FLAG_ALL = 1 << 1;

/**
 * A caller's number as an exact u64. A JS number must be a safe non-negative integer:
 * anything else would already have lost bits, which is a bug of the caller (the
 * scenario loader hands over bigints), not a value user space could pass.
 */
export function to_u64(x: number | bigint, what: string): u64 {
  if (typeof x === 'bigint') {
    if (x < 0n || x > U64_MAX) throw new Error(`${what}: ${x} does not fit a __u64`);
    return x;
  }
  if (!Number.isSafeInteger(x) || x < 0) throw new Error(`${what}: ${x} is not an exact non-negative integer`);
  return BigInt(x);
}

/** A u64 that the checks have proved below 2^53, as an exact number. */
export function u64_to_number(x: u64, what: string): number {
  if (x > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${what}: ${x} was not range-checked before use`);
  return Number(x);
}

/** `x + size - 1 < x` in u64 arithmetic: the range [x, x + size) wraps past 2^64 (size > 0). */
export function u64_range_wraps(x: u64, size: u64): boolean {
  return x + size - 1n > U64_MAX;
}

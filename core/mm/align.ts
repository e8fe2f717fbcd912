// Page arithmetic on byte addresses. Addresses reach 2^47, past the 32 bits JS bitwise
// operators keep, so these use division, never `>>` or `&`.
import { PAGE_SIZE } from './flags.ts';

/** offset_in_page(): the byte offset of x inside its page. */
export function offset_in_page(x: number): number {
  return x % PAGE_SIZE;
}

/** PAGE_ALIGNED(). */
export function PAGE_ALIGNED(x: number): boolean {
  return x % PAGE_SIZE === 0;
}

/** PAGE_ALIGN(): round up to a page boundary. */
export function PAGE_ALIGN(x: number): number {
  return Math.ceil(x / PAGE_SIZE) * PAGE_SIZE;
}

/** addr >> PAGE_SHIFT: the virtual page number (or pfn) of a byte address. */
export function PFN_DOWN(x: number): number {
  return Math.floor(x / PAGE_SIZE);
}

/** pages << PAGE_SHIFT. */
export function pages_to_bytes(pages: number): number {
  return pages * PAGE_SIZE;
}

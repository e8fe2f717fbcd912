// Physical memory: struct page and the RAM page allocator.
export {
  GUP_PIN_COUNTING_BIAS, PAGE_SHIFT, PAGE_SIZE, VM_BUG_ON_PAGE, page, page_maybe_dma_pinned, page_ref_count,
} from './page.ts';
export { PhysMem, validate_mem, type PhysMemStats } from './physmem.ts';

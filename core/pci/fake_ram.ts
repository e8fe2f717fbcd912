// A tiny RamLookup for tests: pfns [0, npages) are RAM; pages carry a ghost owner.
// Not the real RAM model (core/mem/physmem), only what PhysBus needs.
import { type RamLookup, type RamPage } from './phys.ts';

export class FakeRam implements RamLookup {
  private readonly pages = new Map<number, { owner: string; allocTick: number; free: boolean }>();
  private readonly words = new Map<number, number>();

  constructor(readonly npages: number) {}

  /** Gives `pfn` to `owner` at `tick` (a page never handed out reads as free, owner ''). */
  alloc(pfn: number, owner: string, tick: number): void {
    this.pages.set(pfn, { owner, allocTick: tick, free: false });
  }

  free(pfn: number): void {
    const p = this.pages.get(pfn);
    if (p !== undefined) p.free = true;
  }

  pfn_valid(pfn: number): boolean {
    return Number.isInteger(pfn) && pfn >= 0 && pfn < this.npages;
  }

  pfn_to_page(pfn: number): RamPage | undefined {
    if (!this.pfn_valid(pfn)) return undefined;
    return { ...(this.pages.get(pfn) ?? { owner: '', allocTick: 0, free: true }) };
  }

  phys_read(pfn: number, off: number): number {
    return this.words.get(pfn * 4096 + off) ?? 0;
  }

  phys_write(pfn: number, off: number, v: number): void {
    this.words.set(pfn * 4096 + off, v >>> 0);
  }
}

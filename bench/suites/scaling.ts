// Scaling runs: find_vma against the number of vmas, MAP_DMA against its size, and
// MAP_DMA + UNMAP_DMA with 10^4 live vfio_dma mappings in the container.
import { Machine, find_vma, type mm_struct } from '../../core/index.ts';
import type { DesignRef } from '../../scenarios/index.ts';
import { countOnce } from '../counters.ts';
import { GiB, IOVA_BASE, MiB, PAGE, TASK, mapDma, mapUnmap, must, newRig, unmapDma } from '../fixtures.ts';
import type { Prepared, Row, Suite } from '../harness.ts';
import { designName, designRows } from './rows.ts';

export const VMA_COUNTS = [1e2, 1e3, 1e4, 1e5] as const;
/** find_vma calls per timed run. */
export const LOOKUPS_PER_RUN = 1024;

/**
 * An mm with n one-page anonymous vmas, a page apart. The first comes from mmap(); the
 * rest are copies linked straight into the vma tree, because 10^5 is above
 * sysctl_max_map_count (65530) and only the lookups are measured.
 */
/** How a run's lookups pick their addresses. */
export type VmaPattern = 'spread' | 'local';

/**
 * An mm with n one-page anonymous vmas, a page apart. The first comes from mmap(); the
 * rest are copies linked straight into the vma tree, because 10^5 is above
 * sysctl_max_map_count (65530) and only the lookups are measured.
 */
function mmWithVmas(n: number): { m: Machine; mm: mm_struct; first: number } {
  const m = new Machine({ seed: 1 });
  m.spawn(TASK);
  const first = must('mmap', m.mmap(TASK, { offset: 0, length: PAGE, shared: false, prot: 'rw' }));
  const mm = m.task(TASK).mm;
  const tmpl = mm ? find_vma(m.k, mm, first) : null;
  if (!mm || !tmpl) throw new Error('no vma after mmap');
  for (let i = 1; i < n; i++) {
    const start = first + 2 * i * PAGE;
    mm.mm_rb.insert({ ...tmpl, id: tmpl.id + i, vm_start: start, vm_end: start + PAGE });
  }
  return { m, mm, first };
}

/**
 * The addresses of one run, in a fixed pseudo-random order (an LCG): `spread` over every
 * vma (a cold walk each time), or `local`, inside a window of 64 neighbouring vmas at
 * a random place (the locality of faults and MAP_DMA of one region).
 */
function lookupAddrs(first: number, n: number, pattern: VmaPattern): number[] {
  const addrs: number[] = [];
  let s = 12345;
  const next = (): number => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
  const window = Math.min(n, 64);
  const base = pattern === 'local' ? next() % (n - window + 1) : 0;
  for (let i = 0; i < LOOKUPS_PER_RUN; i++) {
    const r = next();
    const vma = pattern === 'spread' ? r % n : base + (r % window);
    addrs.push(first + 2 * vma * PAGE + (r % PAGE));
  }
  return addrs;
}

function findVmaRows(pattern: VmaPattern): Row[] {
  return VMA_COUNTS.map((n) => ({
    id: `${pattern}@${n}`, label: pattern, series: pattern, x: n, ratioTo: `${pattern}@${VMA_COUNTS[0]}`, ops: LOOKUPS_PER_RUN,
    prepare: (): Prepared => {
      const { m, mm, first } = mmWithVmas(n);
      const addrs = lookupAddrs(first, n, pattern);
      const run = (): number => {
        let acc = 0;
        for (const a of addrs) acc += find_vma(m.k, mm, a)?.vm_start ?? 0;
        return acc;
      };
      return { run, count: () => countOnce(m, run) };
    },
  }));
}

function findVmaSuite(): Suite {
  return {
    id: 'find-vma', title: 'find_vma against the number of vmas',
    note: `${LOOKUPS_PER_RUN} find_vma calls per run, spread over every vma, or local to 64 neighbouring ones ` +
      `(same tree depth, caches kept warm); time per call, ratio against the same pattern at ${VMA_COUNTS[0]} vmas`,
    rows: [...findVmaRows('spread'), ...findVmaRows('local')], labelTitle: 'pattern', ratioTitle: `${VMA_COUNTS[0]} vmas`,
    iterations: { full: 100, quick: 25 },
    chart: { xTitle: 'vmas', xLabel: (x) => `1e${Math.round(Math.log10(x))}` },
  };
}

export const MAP_SIZES = [4 * 1024, 64 * 1024, 2 * MiB, 64 * MiB, GiB] as const;

export function sizeLabel(bytes: number): string {
  return bytes >= GiB ? `${bytes / GiB} GiB` : bytes >= MiB ? `${bytes / MiB} MiB` : `${bytes / 1024} KiB`;
}

/** MAP_DMA alone of each size of BAR0; the UNMAP_DMA that undoes it is untimed. */
function mapSizeSuite(designs: readonly DesignRef[]): Suite {
  const rows = MAP_SIZES.flatMap((bytes) => designRows(designs, (d) => {
    const rig = newRig(d);
    mapUnmap(rig, rig.bar0, IOVA_BASE, PAGE);
    let mapped = false;
    const reset = (): void => {
      if (mapped) unmapDma(rig, IOVA_BASE, bytes);
      mapped = false;
    };
    const run = (): number => {
      const ret = mapDma(rig, rig.bar0, IOVA_BASE, bytes);
      if (ret !== 0) throw new Error(`${designName(d)}: MAP_DMA of ${sizeLabel(bytes)} returned ${ret}`);
      mapped = true;
      return ret;
    };
    return { run, reset, count: () => countOnce(rig.m, run, reset) };
  }, { x: bytes }));
  return {
    id: 'map-size', title: 'MAP_DMA of a PFNMAP range against its size',
    note: 'one MAP_DMA of the first bytes of BAR0 (faulted in beforehand); the UNMAP_DMA before each run is untimed',
    rows, iterations: { full: 300, quick: 80 },
    chart: { xTitle: 'bytes mapped', xLabel: sizeLabel },
  };
}

export const LIVE_DMAS = 10_000;

/** MAP_DMA + UNMAP_DMA of one page with LIVE_DMAS one-page vfio_dma mappings already in the container. */
function liveDmaSuite(designs: readonly DesignRef[]): Suite {
  const prepare = (d: DesignRef): Prepared => {
    const rig = newRig(d);
    // IOVAs two pages apart so neither the vfio_dma tree nor the IOMMU merges them.
    for (let i = 0; i < LIVE_DMAS; i++) {
      const ret = mapDma(rig, rig.bar0 + i * PAGE, IOVA_BASE + 2 * i * PAGE, PAGE);
      if (ret !== 0) throw new Error(`${designName(d)}: live mapping ${i} returned ${ret}`);
    }
    const iova = IOVA_BASE + LIVE_DMAS * PAGE + 0x4000_0000;
    const run = (): number => mapUnmap(rig, rig.bar0, iova, PAGE);
    return { run, count: () => countOnce(rig.m, run) };
  };
  return {
    id: 'live-dmas', title: `MAP_DMA + UNMAP_DMA with ${LIVE_DMAS} live vfio_dma mappings`,
    note: `one page mapped and unmapped while ${LIVE_DMAS} one-page mappings of the same BAR stay live (compare map-unmap-1p)`,
    rows: designRows(designs, prepare), iterations: { full: 500, quick: 150 },
  };
}

export function scalingSuites(designs: readonly DesignRef[]): Suite[] {
  return [findVmaSuite(), mapSizeSuite(designs), liveDmaSuite(designs)];
}

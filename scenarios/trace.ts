// `arena explain`: one cell, step by step (return value, dmesg, DMA and CPU records),
// then the machine as the last step left it: every task's vmas (with what
// vm_private_data really points at, per the slab), type1's vfio_dma runs and what each
// holds, and the IOMMU's IOVA -> pfn entries with their intended and current owner.
import { PAGE_SIZE, describe_owner, kptr, type Machine } from '../core/index.ts';
import { VM_DONTCOPY, VM_DONTDUMP, VM_DONTEXPAND, VM_EXEC, VM_IO, VM_MIXEDMAP, VM_PFNMAP, VM_READ, VM_SHARED, VM_WRITE } from '../core/mm/index.ts';
import { formatTimestamp } from '../core/kernel/index.ts';
import { dmaEvidence, stepName, refOf, type StepResult } from './classify.ts';
import { label } from './outcome.ts';
import { runCell, type CellResult, type DesignRef } from './runner.ts';
import type { ScenarioT } from './schema.ts';
import type { CellCache } from './cell-cache.ts';

export interface VmaView {
  readonly task: string;
  readonly pid: number;
  readonly start: number;
  /** First byte after the vma. */
  readonly end: number;
  /** In pages. */
  readonly pgoff: number;
  readonly flags: string;
  readonly ops: string;
  readonly file: string;
  /** "NULL", or the pointer and what the slab says lives there. */
  readonly privateData: string;
}

export interface DmaRunView {
  readonly container: number;
  readonly iova: number;
  readonly pfn: number;
  readonly npages: number;
  /** What type1 holds for the run: pinned pages, a design's reference, or nothing. */
  readonly held: string;
  readonly mapped: boolean;
}

export interface IommuView {
  readonly domain: number;
  readonly iova: number;
  readonly npages: number;
  readonly pfn: number;
  readonly prot: string;
  readonly intended: string;
  /** Who owns the first pfn now. */
  readonly now: string;
}

export interface Trace {
  readonly scenario: ScenarioT;
  /** The design's name. */
  readonly design: string;
  readonly seed: number;
  readonly cell: CellResult;
  /** null when the run stopped before its last step (n/a, harness error). */
  readonly snapshot: { readonly vmas: readonly VmaView[]; readonly dmas: readonly DmaRunView[]; readonly iommu: readonly IommuView[] } | null;
}

const hex = (n: number): string => `0x${n.toString(16)}`;

const FLAG_NAMES: readonly [number, string][] = [
  [VM_IO, 'IO'], [VM_PFNMAP, 'PFNMAP'], [VM_MIXEDMAP, 'MIXEDMAP'], [VM_DONTEXPAND, 'DONTEXPAND'],
  [VM_DONTDUMP, 'DONTDUMP'], [VM_DONTCOPY, 'DONTCOPY'],
];

/** "rw-s IO PFNMAP DONTEXPAND", like /proc/pid/maps plus the VM_ names smaps prints. */
export function formatVmFlags(f: number): string {
  const perm = `${f & VM_READ ? 'r' : '-'}${f & VM_WRITE ? 'w' : '-'}${f & VM_EXEC ? 'x' : '-'}${f & VM_SHARED ? 's' : 'p'}`;
  return [perm, ...FLAG_NAMES.filter(([bit]) => f & bit).map(([, n]) => n)].join(' ');
}

function privateData(m: Machine, p: number): string {
  if (p === 0) return 'NULL';
  const type = m.k.slab.typeAt(p);
  if (type === undefined) return `${kptr(p)} (no slab object)`;
  return `${kptr(p)} (${m.k.slab.isLive(p) ? '' : 'freed '}${type})`;
}

function snapshot(m: Machine): NonNullable<Trace['snapshot']> {
  const vmas: VmaView[] = [];
  for (const [name, t] of m.tasks) {
    for (const vma of t.mm?.mm_rb ?? []) {
      vmas.push({
        task: name, pid: t.pid, start: vma.vm_start, end: vma.vm_end, pgoff: vma.vm_pgoff, flags: formatVmFlags(vma.vm_flags),
        ops: vma.vm_ops?.name ?? '(anonymous)', file: vma.vm_file?.name ?? '', privateData: privateData(m, vma.vm_private_data),
      });
    }
  }
  const dmas: DmaRunView[] = [];
  for (const c of m.k.vfio.containers) {
    for (const e of c.iommu?.dma_list.all() ?? []) {
      for (const r of e.value.runs) {
        const held = r.pages ? `${r.pages.length} pinned page(s)` : r.ref ? `reference on ${r.ref.label}` : 'no reference';
        dmas.push({ container: c.id, iova: r.iova, pfn: r.pfn, npages: r.npages, held, mapped: r.mapped });
      }
    }
  }
  const iommu: IommuView[] = [];
  for (const d of m.k.iommu.live_domains()) {
    for (const e of d.map.all()) {
      const prot = `${e.value.prot & 1 ? 'r' : '-'}${e.value.prot & 2 ? 'w' : '-'}`;
      iommu.push({
        domain: d.id, iova: e.start * PAGE_SIZE, npages: e.end - e.start, pfn: e.value.pfn, prot,
        intended: e.value.intended, now: describe_owner(m.k.phys.ownerOf(e.value.pfn)),
      });
    }
  }
  return { vmas, dmas, iommu };
}

export interface TracedCell {
  /** The cell as runCell gives it (for a sweep: the whole sweep's verdict and counters). */
  readonly cell: CellResult;
  readonly trace: Trace;
}

/**
 * Runs one cell and keeps the machine's state after its last step, with the cell as
 * runCell gives it, so a report gets verdict and trace from one run (plus, for a
 * fail-nth sweep, one more run: the trace is of the run that decided the outcome).
 * With `cache`, a traced cell is kept there (its sweep runs too, for the mistake
 * matrix) and a cell traced before, here or in a worker, is not run again.
 */
export function runTraced(s: ScenarioT, ref: DesignRef, seed: number, cache?: CellCache): TracedCell {
  const kept = cache?.trace(s, ref, { seed });
  if (cache && kept) return { cell: cache.get(s, ref, { seed }).cell, trace: kept };
  const design = typeof ref === 'string' ? ref : ref.name;
  let snap: Trace['snapshot'] = null;
  const onStepsDone = (m: Machine): void => {
    snap = snapshot(m);
  };
  const runs = new Map<number, CellResult>();
  const keep = (t: TracedCell): TracedCell => {
    cache?.put(s, ref, { seed }, { cell: t.cell, runs });
    cache?.putTrace(s, ref, { seed }, t.trace);
    return t;
  };
  if (!s.sweepFailNth) {
    const cell = runCell(s, ref, { seed, onStepsDone });
    return keep({ cell, trace: { scenario: s, design, seed, cell, snapshot: snap } });
  }
  const full = runCell(s, ref, { seed, onSweepRun: (nth, c) => runs.set(nth, c) });
  const one = runCell(s, ref, { seed, failNth: full.sweep?.decidingNth ?? 0, onStepsDone });
  const cell: CellResult = { ...one, outcome: full.outcome, evidence: full.evidence, ...(full.sweep ? { sweep: full.sweep } : {}) };
  return keep({ cell: full, trace: { scenario: s, design, seed, cell, snapshot: snap } });
}

/** The trace `arena explain` prints (see runTraced). */
export function traceCell(s: ScenarioT, design: DesignRef, seed: number): Trace {
  return runTraced(s, design, seed).trace;
}

function retText(r: StepResult): string {
  if (r.skipped !== undefined) return `${r.ret} (${r.skipped})`;
  if (typeof r.ret === 'string') return r.signal ? `${r.ret} (${r.signal})` : r.ret;
  if (r.kind === 'mmap' || (r.kind === 'mremap' && r.ret > 0)) return hex(r.ret);
  return String(r.ret);
}

function stepLines(r: StepResult): string[] {
  const out = [`${stepName(refOf(r))}${r.expect ? ` (expect ${r.expect})` : ''} -> ${retText(r)}`];
  for (const l of r.dmesg) out.push(`    ${formatTimestamp(l.tick)} ${l.text}`);
  for (const d of r.dma) {
    const e = dmaEvidence(d);
    out.push(`    DMA ${e.write ? 'write' : 'read'} by ${e.device} at iova ${e.iova}: ${e.result}` +
      `${e.pfn ? ` -> pfn ${e.pfn} reached ${e.reached}` : ''}${e.intended ? `, mapped for ${e.intended}` : ''}` +
      `${d.stale ? `, STALE: ${e.staleReason ?? ''}` : ''}`);
  }
  for (const c of r.cpu) {
    out.push(`    CPU access: ${c.signal ?? `reached ${c.hit ? describe_owner(c.hit) : 'nothing'}`}${c.stale ? `, STALE: ${c.staleReason ?? ''}` : ''}`);
  }
  return out;
}

export function formatTrace(t: Trace): string {
  const c = t.cell;
  const out = [
    `${t.scenario.id} on ${t.design} (seed ${t.seed}): ${t.scenario.title}`,
    `outcome: ${label(c.outcome)}: ${c.evidence.summary}`,
    '',
    'steps:',
    ...c.steps.flatMap((r) => stepLines(r).map((l) => `  ${l}`)),
  ];
  if (t.snapshot) {
    out.push('', 'vmas after the last step:');
    if (t.snapshot.vmas.length === 0) out.push('  (none)');
    for (const v of t.snapshot.vmas) {
      out.push(`  ${v.task}/${v.pid} ${v.start.toString(16)}-${v.end.toString(16)} pgoff ${hex(v.pgoff)} ${v.flags}` +
        ` ops ${v.ops}${v.file ? ` file ${v.file}` : ''} private ${v.privateData}`);
    }
    out.push('', 'type1 vfio_dma runs:');
    if (t.snapshot.dmas.length === 0) out.push('  (none)');
    for (const d of t.snapshot.dmas) {
      out.push(`  container ${d.container} iova ${hex(d.iova)} +${d.npages} page(s) -> pfn ${hex(d.pfn)}: ${d.held}${d.mapped ? '' : ' (unmapped by invalidation)'}`);
    }
    out.push('', 'IOMMU mappings:');
    if (t.snapshot.iommu.length === 0) out.push('  (none)');
    for (const e of t.snapshot.iommu) {
      out.push(`  domain ${e.domain} iova ${hex(e.iova)} +${e.npages} page(s) -> pfn ${hex(e.pfn)} ${e.prot} intended ${e.intended}, now ${e.now}`);
    }
  }
  if (c.audit && c.audit.length > 0) {
    out.push('', 'teardown audit:', ...c.audit.map((f) => `  ${f.what}: ${f.detail}`));
  }
  out.push('', `obligations run: ${c.obligationsRun.join(', ') || '(none)'}`);
  out.push(`cost: ${Object.entries(c.cost).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  return out.join('\n');
}

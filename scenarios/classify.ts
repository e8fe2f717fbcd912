// The classifier: one run's step results, DMA and CPU access records, dmesg splats and
// teardown audit -> an outcome with its evidence. It never looks at which design ran
// (nor at any expected-per-design table): the same record gives the same verdict.
// Rules, first match wins: harness-error, n/a, oops, uaf, stale-dma, leak, warn (a
// WARNING splat, or an access that got an Unsupported Request from a BAR with decode off),
// false-reject, rejected, ok.
import type { AuditFinding, CpuAccess, DmaRecord, DmesgLine, OopsInfo } from '../core/index.ts';
import { describe_owner, tohex } from '../core/index.ts';
import type { OutcomeT } from './outcome.ts';
import type { StepT } from './schema.ts';

/** What the runner records for one step (or the setup / teardown pseudo-steps). */
export interface StepResult {
  /** Position in scenario.steps; -1 for setup, steps.length for teardown. */
  readonly index: number;
  /** Position in the map-dma's `during` list, for a step run at the interleaving point. */
  readonly inner?: number;
  readonly kind: StepT['kind'] | 'setup' | 'teardown';
  /** The step as written (absent for the pseudo-steps). */
  readonly step?: StepT;
  /**
   * A value (fd, address, bytes, pid, a read value), or a failure word: an errno name
   * ("EINVAL"), "IOMMU_FAULT" for a DMA the IOMMU blocked, "OOPS", or "SKIPPED".
   */
  readonly ret: number | string;
  /** Set when the step failed: the errno name or "IOMMU_FAULT". */
  readonly error?: string;
  /** Signal a CPU access got (SIGBUS, SIGSEGV). */
  readonly signal?: string;
  readonly expect?: string;
  readonly crashed?: OopsInfo;
  /** Why the step did not run. */
  readonly skipped?: string;
  /** A fail-nth point was made to fail in this step or an earlier one. */
  readonly injected: boolean;
  readonly dmesg: readonly DmesgLine[];
  readonly dma: readonly DmaRecord[];
  readonly cpu: readonly CpuAccess[];
}

/** A hot-unplug that had to wait for users (vfio_unregister_group_dev), and what the wait cost. */
export interface RemovalRecord {
  /** The hot-unplug step. */
  readonly step: StepRef;
  /** The device as the scenario names it. */
  readonly device: string;
  /** ops->request calls: one at once, one per 10 s of waiting, one after a signal. */
  readonly requests: number;
  /** Ticks (µs) from the request to the release, or to the end of the run if none came. */
  readonly waitedUs: number;
  /** A signal made the wait uninterruptible (and the kernel printed "Device is currently in use"). */
  readonly signalled: boolean;
  /** The last user let go before the run ended. */
  readonly completed: boolean;
}

/** Everything one run of a scenario produced. */
export interface RunRecord {
  readonly steps: readonly StepResult[];
  /** Removals that waited for users, in the order they started. */
  readonly removals?: readonly RemovalRecord[];
  /** Teardown audit findings; null when teardown was not reached. */
  readonly audit: readonly AuditFinding[] | null;
  /** A TypeScript exception from a design or the core (or a broken invariant). */
  readonly harnessError?: { readonly message: string; readonly at?: StepRef };
  /** The scenario asked for a driver mistake the design has no obligation for. */
  readonly notApplicable?: { readonly reason: string; readonly at: StepRef };
}

export interface StepRef {
  readonly index: number;
  readonly inner?: number;
  readonly kind: string;
}

export interface DmaEvidence {
  readonly device: string;
  readonly iova: string;
  readonly write: boolean;
  readonly result: string;
  readonly pfn?: string;
  readonly reached: string;
  readonly intended?: string;
  readonly staleReason?: string;
}

export interface Evidence {
  /** One line a person reads first. */
  readonly summary: string;
  readonly step?: StepRef;
  readonly errno?: string;
  readonly dmesg?: readonly string[];
  readonly dma?: DmaEvidence;
  readonly audit?: readonly string[];
  /** Sweeps: the fail-nth point that gave this outcome. */
  readonly failPoint?: string;
  /** Hot-unplugs that had to wait for users (whatever decided the outcome). */
  readonly removals?: readonly RemovalRecord[];
}

/** Things worth counting that are not outcomes. */
export interface SideCosts {
  /** hot-unplug steps that returned 0: the removal now waits for users. */
  readonly blockedRemovals: number;
  /** DMAs the IOMMU blocked (DMAR faults). */
  readonly iommuFaults: number;
}

export interface Classification {
  readonly outcome: OutcomeT;
  readonly evidence: Evidence;
  readonly costs: SideCosts;
}

export function refOf(r: StepResult): StepRef {
  return r.inner === undefined ? { index: r.index, kind: r.kind } : { index: r.index, inner: r.inner, kind: r.kind };
}

/** "step 3 map-dma", "step 3.during[0] munmap", "setup", "teardown". */
export function stepName(r: StepRef): string {
  if (r.kind === 'setup' || r.kind === 'teardown') return r.kind;
  return r.inner === undefined ? `step ${r.index} ${r.kind}` : `step ${r.index}.during[${r.inner}] ${r.kind}`;
}

function hex(n: number | bigint): string {
  return typeof n === 'bigint' ? `0x${n.toString(16)}` : `0x${tohex(n)}`;
}

export function dmaEvidence(d: DmaRecord): DmaEvidence {
  return {
    device: d.device, iova: hex(d.iova), write: d.write, result: d.result,
    ...(d.pfn !== undefined ? { pfn: hex(d.pfn) } : {}),
    reached: describe_owner(d.hit),
    ...(d.intended ? { intended: d.intended.desc } : {}),
    ...(d.staleReason ? { staleReason: d.staleReason } : {}),
  };
}

interface Hit {
  readonly r: StepResult;
  readonly lines: readonly string[];
}

/** The first step whose dmesg has a line matching `re`, with that line and `after` lines following it. */
function firstSplat(steps: readonly StepResult[], re: RegExp, before = 0, after = 0): Hit | null {
  for (const r of steps) {
    const i = r.dmesg.findIndex((l) => re.test(l.text));
    if (i < 0) continue;
    const from = Math.max(0, i - before);
    return { r, lines: r.dmesg.slice(from, i + after + 1).map((l) => l.text).filter((t) => !/cut here/.test(t)) };
  }
  return null;
}

/** Was iova inside a range an earlier successful map-dma covered? */
function mappedEarlier(steps: readonly StepResult[], upto: StepResult, iova: number): StepResult | null {
  for (const r of steps) {
    if (r === upto) break;
    const s = r.step;
    if (s?.kind === 'map-dma' && r.error === undefined && r.skipped === undefined && r.crashed === undefined
      && iova >= s.iova && iova < s.iova + s.size) return r;
  }
  return null;
}

function sideCosts(steps: readonly StepResult[]): SideCosts {
  let blockedRemovals = 0;
  let iommuFaults = 0;
  for (const r of steps) {
    if (r.kind === 'hot-unplug' && r.ret === 0) blockedRemovals += 1;
    iommuFaults += r.dma.filter((d) => d.result === 'iommu-fault').length;
  }
  return { blockedRemovals, iommuFaults };
}

function verdict(outcome: OutcomeT, evidence: Evidence): { outcome: OutcomeT; evidence: Evidence } {
  return { outcome, evidence };
}

export interface ClassifyOptions {
  /**
   * A port of the kernel's own tests (category conformance): a step refused with exactly
   * the errno its `expect` names is the kernel's answer, so it is not a rejection.
   */
  readonly conformance?: boolean;
}

/** The ordered rules. */
function decide(run: RunRecord, opts: ClassifyOptions): { outcome: OutcomeT; evidence: Evidence } {
  const steps = run.steps;
  if (run.harnessError) {
    const at = run.harnessError.at;
    return verdict('harness-error', {
      summary: `${at ? `${stepName(at)}: ` : ''}${run.harnessError.message}`, ...(at ? { step: at } : {}),
    });
  }
  if (run.notApplicable) {
    return verdict('n/a', { summary: `${stepName(run.notApplicable.at)}: ${run.notApplicable.reason}`, step: run.notApplicable.at });
  }
  const crash = steps.find((r) => r.crashed !== undefined);
  if (crash?.crashed) {
    const oops = firstSplat([crash], /^(BUG:|kernel BUG)/, 0, 3);
    // A VM_BUG_ON_PAGE prints dump_page() before the BUG: its reason says which check fired.
    const dumped = crash.dmesg.find((l) => l.text.startsWith('page dumped because: '))?.text;
    const why = dumped ? ` (${dumped.replace('page dumped because: ', '')})` : '';
    return verdict('oops', {
      summary: `${stepName(refOf(crash))}: ${crash.crashed.message} in ${crash.crashed.fn}${why}`,
      step: refOf(crash), dmesg: [...(dumped ? [dumped] : []), ...(oops?.lines ?? [crash.crashed.message])],
    });
  }
  const kasan = firstSplat(steps, /^BUG: KASAN:/, 0, 3);
  if (kasan) {
    return verdict('uaf', { summary: `${stepName(refOf(kasan.r))}: ${kasan.lines[0] ?? ''}`, step: refOf(kasan.r), dmesg: kasan.lines });
  }
  for (const r of steps) {
    const d = r.dma.find((x) => x.stale);
    if (d) {
      const e = dmaEvidence(d);
      return verdict('stale-dma', {
        summary: `${stepName(refOf(r))}: DMA ${d.write ? 'write' : 'read'} at iova ${e.iova} reached ${e.reached}` +
          `${e.intended ? ` (mapped for ${e.intended})` : ''}: ${d.staleReason ?? 'stale'}`,
        step: refOf(r), dma: e,
      });
    }
    const c = r.cpu.find((x) => x.stale);
    if (c) {
      return verdict('stale-dma', {
        summary: `${stepName(refOf(r))}: CPU access reached ${c.hit ? describe_owner(c.hit) : 'nothing'}: ${c.staleReason ?? 'stale'}`,
        step: refOf(r),
      });
    }
  }
  if (run.audit && run.audit.length > 0) {
    const lines = run.audit.map((f) => `${f.what}: ${f.detail}`);
    return verdict('leak', { summary: `teardown audit: ${lines[0] ?? ''}${lines.length > 1 ? ` (+${lines.length - 1} more)` : ''}`, audit: lines });
  }
  const warn = firstSplat(steps, /^WARNING:/, 1, 0);
  if (warn) {
    return verdict('warn', { summary: `${stepName(refOf(warn.r))}: ${warn.lines.join(' / ')}`, step: refOf(warn.r), dmesg: warn.lines });
  }
  const ur = unsupportedRequest(steps);
  if (ur) return verdict('warn', ur);
  const held = steps.find((r) => blocksAsserted(r) === false && r.ret === 0);
  if (held) {
    return verdict('false-reject', {
      summary: `${stepName(refOf(held))}: the removal had to wait for users where a correct kernel completes it at once (blocks: false)`,
      step: refOf(held), ...dmesgOf(held),
    });
  }
  const refused = steps.find((r) => r.expect === 'ok' && r.error !== undefined && !r.injected);
  if (refused?.error) {
    const why = refused.error === 'IOMMU_FAULT' ? whyUnmapped(steps, refused) : null;
    return verdict('false-reject', {
      summary: `${stepName(refOf(refused))}: legitimate use refused: expected ok, got ${refused.error}${why ? `; ${why.summary}` : ''}`,
      step: refOf(refused), errno: refused.error, ...withWhy(why, dmesgOf(refused)),
    });
  }
  for (const r of steps) {
    if (r.error === undefined) continue;
    if (r.error === 'IOMMU_FAULT') {
      const d = r.dma.find((x) => x.result === 'iommu-fault');
      const m = d ? mappedEarlier(steps, r, d.iova) : null;
      if (d && m) {
        const why = whyUnmapped(steps, r);
        return verdict('rejected', {
          summary: `${stepName(refOf(r))}: DMA at iova ${hex(d.iova)} blocked by the IOMMU although ${stepName(refOf(m))} had mapped it`,
          step: refOf(r), dma: dmaEvidence(d), ...withWhy(why, dmesgOf(r)),
        });
      }
      continue;
    }
    if (opts.conformance === true && r.error === r.expect && !r.injected) continue;
    if (r.expect !== 'ok' || r.injected) {
      return verdict('rejected', {
        summary: `${stepName(refOf(r))}: refused with ${r.error}${r.injected ? ' after the injected failure'
          : r.expect && r.expect !== r.error ? ` (a correct kernel: ${r.expect})` : ''}`,
        step: refOf(r), errno: r.error, ...dmesgOf(r),
      });
    }
  }
  const ran = steps.filter((r) => r.index >= 0 && r.kind !== 'teardown' && r.skipped === undefined).length;
  // Not an outcome, but worth a reader's eye: misuse a correct kernel refuses went through.
  const accepted = steps.find((r) => r.expect !== undefined && r.expect !== 'ok' && r.error === undefined && r.skipped === undefined);
  const unheld = steps.find((r) => blocksAsserted(r) === true && r.ret === 1);
  const note = accepted ? `; ${stepName(refOf(accepted))} went through where a correct kernel returns ${accepted.expect}`
    : unheld ? `; ${stepName(refOf(unheld))} completed at once where a correct kernel waits for the device's users (blocks: true)` : '';
  const noted = accepted ?? unheld;
  return verdict('ok', {
    summary: `${ran} step(s) ran, nothing refused, no splat, nothing stale or leaked${note}`, ...(noted ? { step: refOf(noted) } : {}),
  });
}

/** The `blocks:` a hot-unplug step asserts (what a correct kernel does), if any. */
function blocksAsserted(r: StepResult): boolean | undefined {
  return r.step?.kind === 'hot-unplug' ? r.step.blocks : undefined;
}

/**
 * The first access that reached the BAR it was meant for while that BAR had memory decode
 * off. Nobody else was reached, but the device answered an Unsupported Request and AER
 * logged it: harm avoided, noisily (docs/decisions.md, "decode off is noisy, not stale").
 */
function unsupportedRequest(steps: readonly StepResult[]): Evidence | null {
  for (const r of steps) {
    const d = r.dma.find((x) => x.unsupportedRequest);
    const c = d ? undefined : r.cpu.find((x) => x.unsupportedRequest);
    if (!d && !c) continue; // most steps: no need to scan their dmesg for AER lines
    const aer = r.dmesg.map((l) => l.text).filter((t) => /UnsupReq|AER:/.test(t)).slice(0, 2);
    if (d) {
      const e = dmaEvidence(d);
      return {
        summary: `${stepName(refOf(r))}: DMA ${d.write ? 'write' : 'read'} at iova ${e.iova} reached ${e.reached} with memory decode off: Unsupported Request`,
        step: refOf(r), dma: e, ...(aer.length > 0 ? { dmesg: aer } : {}),
      };
    }
    if (c) {
      return {
        summary: `${stepName(refOf(r))}: CPU access reached ${c.hit ? describe_owner(c.hit) : 'a BAR'} with memory decode off: Unsupported Request`,
        step: refOf(r), ...(aer.length > 0 ? { dmesg: aer } : {}),
      };
    }
  }
  return null;
}

/**
 * For a DMA the IOMMU refused at an IOVA an earlier MAP_DMA had mapped: the last line
 * before it that names that mapping's IOVA ("iova 0x...": type1's unmap on an
 * invalidation, an importer's note that it stays unmapped), with the step that printed it.
 */
function whyUnmapped(steps: readonly StepResult[], upto: StepResult): { summary: string; line: string } | null {
  const d = upto.dma.find((x) => x.result === 'iommu-fault');
  const m = d ? mappedEarlier(steps, upto, d.iova) : null;
  if (m?.step?.kind !== 'map-dma') return null;
  const tag = `iova ${hex(m.step.iova)}`;
  let found: { summary: string; line: string } | null = null;
  for (const r of steps) {
    if (r === upto) break;
    for (const l of r.dmesg) if (l.text.includes(tag)) found = { summary: `${stepName(refOf(r))}: ${l.text}`, line: l.text };
  }
  return found;
}

function withWhy(why: { line: string } | null, own: { dmesg?: readonly string[] }): { dmesg?: readonly string[] } {
  if (!why) return own;
  return { dmesg: [why.line, ...(own.dmesg ?? [])].slice(0, 4) };
}

/** Up to three dmesg lines of a refused step (the driver's or type1's complaint). */
function dmesgOf(r: StepResult): { dmesg?: readonly string[] } {
  const lines = r.dmesg.map((l) => l.text).slice(0, 3);
  return lines.length > 0 ? { dmesg: lines } : {};
}

export function classify(run: RunRecord, opts: ClassifyOptions = {}): Classification {
  const { outcome, evidence } = decide(run, opts);
  const removals = run.removals ?? [];
  return { outcome, evidence: removals.length > 0 ? { ...evidence, removals } : evidence, costs: sideCosts(run.steps) };
}

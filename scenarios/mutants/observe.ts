// What one cell shows a driver author, sign by sign, regardless of which sign the
// cell's outcome names: the classifier's first-match rules let a leak hide a WARNING
// and a stale DMA hide an errno, but the author sees the WARNING and the errno all the
// same. A fail-nth sweep is observed run by run, each run labelled by its fail point
// (not its number: a mistake that adds or drops an allocation shifts the numbers).
import { describe_owner } from '../../core/index.ts';
import { refOf, stepName, type StepResult } from '../classify.ts';
import type { OutcomeT } from '../outcome.ts';
import { runCellWithRuns, type CellCache, type CellParams } from '../cell-cache.ts';
import { runCell, type CellResult, type DesignRef } from '../runner.ts';
import type { ScenarioT } from '../schema.ts';

/** Visible: the author sees it in a test. Harm: it does damage nobody sees. */
export const VISIBLE_SIGNS = ['harness-error', 'oops', 'warn', 'refused'] as const;
export const HARM_SIGNS = ['uaf', 'stale-dma', 'leak', 'lost-refusal'] as const;
export type SignKind = (typeof VISIBLE_SIGNS)[number] | (typeof HARM_SIGNS)[number];

/** Ranks for picking the deciding sign: the worse sign wins (the outcome severity order). */
export const SIGN_RANK: Readonly<Record<SignKind, number>> = {
  'harness-error': 7, 'oops': 6, 'uaf': 5, 'stale-dma': 4, 'leak': 3, 'warn': 2, 'refused': 1, 'lost-refusal': 0,
};

export function isVisible(k: SignKind): boolean {
  return (VISIBLE_SIGNS as readonly string[]).includes(k);
}

export interface Sign {
  /** Identity across the two runs: where, and what (numbers that only count time left out). */
  readonly key: string;
  readonly kind: SignKind;
  readonly text: string;
}

export interface Observation {
  readonly outcome: OutcomeT;
  readonly summary: string;
  readonly signs: ReadonlyMap<string, Sign>;
  /** Steps where a misuse (expect: an errno) was refused. */
  readonly refusedMisuse: ReadonlySet<string>;
  /** Steps that ran to completion without an error, signal or crash. */
  readonly ranClean: ReadonlySet<string>;
  /** "driver:obligation" of every obligation step reached in any run. */
  readonly obligationsRun: ReadonlySet<string>;
}

/** A WARNING line without the CPU and PID (a mistake may change which task runs). */
const normalizeWarning = (line: string): string => line.replace(/CPU: \d+ PID: \d+ /, '');

function stepSigns(r: StepResult, at: string, add: (s: Sign) => void): void {
  if (r.crashed) add({ key: `${at}: oops`, kind: 'oops', text: `${at}: ${r.crashed.message} in ${r.crashed.fn}` });
  else if (r.error !== undefined || r.signal !== undefined) {
    // Keyed by step alone: EINVAL where a correct driver gave EFAULT is still a refusal.
    const what = r.error ?? r.signal ?? '';
    add({ key: `${at}: refused`, kind: 'refused', text: `${at}: ${what}${r.expect === 'ok' ? ' (legitimate use)' : ''}` });
  }
  for (const l of r.dmesg) {
    if (/^WARNING:/.test(l.text)) add({ key: `${at}: ${normalizeWarning(l.text)}`, kind: 'warn', text: `${at}: ${l.text}` });
    else if (/^BUG: KASAN:/.test(l.text)) add({ key: `${at}: ${l.text}`, kind: 'uaf', text: `${at}: ${l.text}` });
  }
  for (const d of r.dma) {
    if (d.stale) add({ key: `${at}: DMA reached ${describe_owner(d.hit)}`, kind: 'stale-dma', text: `${at}: DMA reached ${describe_owner(d.hit)}${d.staleReason ? ` (${d.staleReason})` : ''}` });
    if (d.unsupportedRequest) add({ key: `${at}: DMA Unsupported Request`, kind: 'warn', text: `${at}: DMA to a BAR with decode off: Unsupported Request` });
  }
  for (const c of r.cpu) {
    const owner = c.hit ? describe_owner(c.hit) : 'nothing';
    if (c.stale) add({ key: `${at}: CPU reached ${owner}`, kind: 'stale-dma', text: `${at}: CPU access reached ${owner}${c.staleReason ? ` (${c.staleReason})` : ''}` });
    if (c.unsupportedRequest) add({ key: `${at}: CPU Unsupported Request`, kind: 'warn', text: `${at}: CPU access to a BAR with decode off: Unsupported Request` });
  }
}

interface Acc {
  readonly signs: Map<string, Sign>;
  readonly refusedMisuse: Set<string>;
  readonly ranClean: Set<string>;
  readonly obligationsRun: Set<string>;
}

/** Adds what one run shows; `run` prefixes every key ("" for the run without injection). */
function addRun(acc: Acc, cell: CellResult, run: string): void {
  const add = (s: Sign): void => {
    if (!acc.signs.has(s.key)) acc.signs.set(s.key, s);
  };
  if (cell.outcome === 'harness-error') add({ key: `${run}harness-error`, kind: 'harness-error', text: `${run}harness error: ${cell.evidence.summary}` });
  for (const r of cell.steps) {
    const at = `${run}${stepName(refOf(r))}`;
    stepSigns(r, at, add);
    if (r.expect !== undefined && r.expect !== 'ok' && r.error !== undefined) acc.refusedMisuse.add(at);
    if (r.index >= 0 && r.skipped === undefined && r.error === undefined && r.signal === undefined && !r.crashed) acc.ranClean.add(at);
  }
  for (const f of cell.audit ?? []) {
    const detail = f.detail.replace(/ \(tick \d+\)/, '');
    add({ key: `${run}teardown audit: ${f.what}: ${detail}`, kind: 'leak', text: `${run}teardown audit: ${f.what}: ${f.detail}` });
  }
  for (const o of cell.obligationsRun) acc.obligationsRun.add(o);
}

/** "kmalloc in vfio_dma_do_map #2" from the sweep's "fail-nth 7: kmalloc in vfio_dma_do_map". */
function pointLabels(cell: CellResult): Array<{ nth: number; label: string }> {
  const seen = new Map<string, number>();
  const out: Array<{ nth: number; label: string }> = [];
  for (const r of cell.sweep?.runs ?? []) {
    const point = r.point.replace(/^fail-nth \d+: /, '');
    if (point === 'not reached') continue; // the same run as the one without injection
    const n = (seen.get(point) ?? 0) + 1;
    seen.set(point, n);
    out.push({ nth: r.nth, label: `[${point}${n > 1 ? ` #${n}` : ''}] ` });
  }
  return out;
}

/**
 * Runs one scenario on one design (with the mistake in opts, if any) and collects its
 * signs; through `cache` when given, so a cell the report's matrix ran is not run again.
 */
export function observe(s: ScenarioT, design: DesignRef, opts: CellParams, cache?: CellCache): Observation {
  const sent = cache?.observation(s, design, opts);
  if (sent) return sent;
  // A sweep hands over every run's full cell as it goes, so nothing is run twice.
  const { cell, runs } = cache ? cache.get(s, design, opts) : runCellWithRuns(s, design, opts);
  const acc: Acc = { signs: new Map(), refusedMisuse: new Set(), ranClean: new Set(), obligationsRun: new Set() };
  const run = (nth: number): CellResult => runs.get(nth) ?? runCell(s, design, { ...opts, failNth: nth });
  if (!cell.sweep) addRun(acc, cell, '');
  else {
    addRun(acc, run(0), '');
    for (const p of pointLabels(cell)) addRun(acc, run(p.nth), p.label);
  }
  return { outcome: cell.outcome, summary: cell.evidence.summary, ...acc };
}

// The findings a report opens with: at most six sentences, each generated from the
// comparison data and carrying the cells (or section) it rests on. Nothing here names a
// design except from the data, and nothing is written per design: when rows change,
// the sentences change with them. md, txt and html render the same parts.
import type { OutcomeT } from '../scenarios/index.ts';
import type { ComparisonJsonT, DesignSummaryT } from './schema.ts';
import { asPostedView } from './variants-section.ts';

export interface CellRef {
  readonly scenario: string;
  readonly design: string;
  readonly outcome: OutcomeT;
}

/** A piece of a finding's sentence: words, a design's name, cells, or a report section. */
export type Part =
  | { readonly text: string }
  | { readonly design: string }
  | { readonly cells: readonly CellRef[]; readonly more: number }
  | { readonly section: string; readonly label: string };

export interface Finding {
  /** Stable name of the question the finding answers (harm, crash, refused, cost, reading). */
  readonly topic: string;
  readonly parts: readonly Part[];
}

export const MAX_FINDINGS = 6;
/** Designs named in a "none" list; beyond that they are counted. */
const MAX_NAMED_CLEAN = 3;
/** Open questions told in the reading finding; the rest are counted. */
const MAX_QUESTIONS = 2;
/** Cells listed per group before "and N more". */
const MAX_CELLS = 2;

const text = (t: string): Part => ({ text: t });

/** The cells of one design whose outcome is one of `outcomes`, in scenario order. */
function cellsOf(j: ComparisonJsonT, design: string, outcomes: readonly OutcomeT[]): CellRef[] {
  return j.scenarios.flatMap((s) => s.cells.filter((c) => c.design === design && outcomes.includes(c.outcome))
    .map((c) => ({ scenario: s.id, design, outcome: c.outcome })));
}

/** Designs listed as "a, b and c" (each a design part). */
function designList(names: readonly string[]): Part[] {
  return names.flatMap((n, i) => [
    ...(i === 0 ? [] : [text(i === names.length - 1 ? ' and ' : ', ')]), { design: n },
  ]);
}

interface Group {
  readonly designs: string[];
  /** The first design's cells (the others have the same scenarios and outcomes). */
  readonly cells: readonly CellRef[];
}

/** Designs whose cells fall on the same scenarios with the same outcomes are told together. */
function groupDesigns(j: ComparisonJsonT, outcomes: readonly OutcomeT[]): { hit: Group[]; clean: string[] } {
  const groups = new Map<string, Group>();
  const clean: string[] = [];
  for (const d of j.designs) {
    const cells = cellsOf(j, d.design, outcomes);
    const key = cells.map((c) => `${c.scenario}:${c.outcome}`).join(' ');
    const g = groups.get(key);
    if (cells.length === 0) clean.push(d.design);
    else if (g) g.designs.push(d.design);
    else groups.set(key, { designs: [d.design], cells });
  }
  return { hit: [...groups.values()], clean };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "What: a in 2 cells (x, y); b and c in 1 cell (z); none under d." */
function outcomeFinding(j: ComparisonJsonT, topic: string, outcomes: readonly OutcomeT[], what: string, nobody: string): Finding {
  const { hit, clean } = groupDesigns(j, outcomes);
  if (hit.length === 0) return { topic, parts: [text(`${nobody} in any of the ${j.scenarios.length} scenarios.`)] };
  const parts: Part[] = [text(`${what}: `)];
  hit.forEach((g, i) => {
    if (i > 0) parts.push(text('; '));
    parts.push(...designList(g.designs), text(` in ${plural(g.cells.length, 'cell')} (`),
      { cells: g.cells.slice(0, MAX_CELLS), more: Math.max(0, g.cells.length - MAX_CELLS) }, text(')'));
  });
  if (clean.length > 0 && clean.length <= MAX_NAMED_CLEAN) parts.push(text('; none under '), ...designList(clean));
  else if (clean.length > 0) parts.push(text(`; none under the other ${clean.length}`));
  parts.push(text('.'));
  return { topic, parts };
}

/** "camelCase" counter key as words: "refcountOps" -> "refcount ops". */
export function counterWords(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** Counters named per design in the cost finding, largest difference first; the section has them all. */
const MAX_COUNTERS = 2;

function deltaText(d: DesignSummaryT, ref: DesignSummaryT): string {
  const deltas = Object.keys(ref.normalPathCost)
    .map((k) => ({ k, delta: (d.normalPathCost[k] ?? 0) - (ref.normalPathCost[k] ?? 0) }))
    .filter((x) => x.delta !== 0)
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  if (deltas.length === 0) return 'the same work';
  return deltas.slice(0, MAX_COUNTERS).map((x) => `${x.delta > 0 ? '+' : ''}${x.delta} ${counterWords(x.k)}`).join(', ');
}

function costFinding(j: ComparisonJsonT): Finding | null {
  const [ref, ...rest] = j.designs;
  if (!ref || rest.length === 0) return null;
  const n = j.scenarios.filter((s) => s.category === 'correctness').length;
  const groups: { designs: string[]; delta: string }[] = [];
  for (const d of rest) {
    const delta = deltaText(d, ref);
    const g = groups.find((x) => x.delta === delta);
    if (g) g.designs.push(d.design);
    else groups.push({ designs: [d.design], delta });
  }
  const parts: Part[] = [text(`On the normal path (exact counters over ${plural(n, 'correctness cell')}) against `), { design: ref.design }, text(': ')];
  groups.forEach((g, i) => {
    if (i > 0) parts.push(text('; '));
    parts.push(...designList(g.designs), text(` ${g.delta}`));
  });
  parts.push(text(' ('), { section: 'work-on-the-normal-path', label: 'work on the normal path' }, text(').'));
  return { topic: 'cost', parts };
}

/**
 * Cells where a variant and the as-posted design it reads differently disagree
 * (comparison.json's choices): per open question, the pair that moves most cells.
 */
function readingFinding(j: ComparisonJsonT): Finding | null {
  const pairs = j.choices.flatMap((c) => c.pairs);
  if (pairs.length === 0) return null;
  const questions = j.choices
    .map((c) => ({ question: c.question, moved: c.pairs.filter((p) => p.moved.length > 0).sort((x, y) => y.moved.length - x.moved.length) }))
    .filter((q) => q.moved.length > 0);
  if (questions.length === 0) {
    return { topic: 'reading', parts: [text(`No verdict changes with the reading of an open question: ${plural(pairs.length, 'variant')} ` +
      `agree${pairs.length === 1 ? 's' : ''} with the design as posted in every cell.`)] };
  }
  const parts: Part[] = [text('Verdicts that rest on how an open question is read: ')];
  questions.slice(0, MAX_QUESTIONS).forEach((q, i) => {
    const [p, ...others] = q.moved;
    if (!p) return;
    const cells = p.moved.slice(0, MAX_CELLS).flatMap((m): CellRef[] => [
      { scenario: m.scenario, design: p.asPosted, outcome: m.asPosted }, { scenario: m.scenario, design: p.variant, outcome: m.variant },
    ]);
    parts.push(text(i === 0 ? '' : '; '), { design: p.variant }, text(` moves ${plural(p.moved.length, 'cell')} of `), { design: p.asPosted },
      text(' as posted ('), { cells, more: Math.max(0, p.moved.length - MAX_CELLS) },
      text(others.length > 0 ? `; ${plural(others.length, 'more variant')} on the same question)` : ')'));
  });
  const rest = questions.length - MAX_QUESTIONS;
  if (rest > 0) parts.push(text(`; ${plural(rest, 'more question')} move${rest === 1 ? 's' : ''} cells too`));
  parts.push(text(' ('), { section: 'what-the-verdicts-rest-on', label: 'what the verdicts rest on' }, text(').'));
  return { topic: 'reading', parts };
}

/**
 * The report's findings, most serious first, at most MAX_FINDINGS: the outcomes and
 * costs of the designs as posted, then what changes with the readings (variants).
 */
export function findings(full: ComparisonJsonT): Finding[] {
  const j = asPostedView(full);
  const all: (Finding | null)[] = [
    outcomeFinding(j, 'harm', ['stale-dma'], 'DMA reached memory its mapping no longer owned', 'No design let DMA reach memory its mapping no longer owned'),
    outcomeFinding(j, 'crash', ['oops', 'uaf', 'leak'], 'The kernel crashed, reported a use after free or leaked a reference',
      'No design crashed the kernel, used memory after freeing it or leaked a reference'),
    outcomeFinding(j, 'refused', ['false-reject'], 'Legitimate use was refused', 'No design refused legitimate use'),
    costFinding(j),
    readingFinding(full),
  ];
  return all.filter((f): f is Finding => f !== null).slice(0, MAX_FINDINGS);
}

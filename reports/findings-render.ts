// A finding's parts as markdown (linked cells) and as plain ASCII text.
import { SYMBOL } from '../scenarios/index.ts';
import type { CellRef, Finding, Part } from './findings.ts';
import { ASCII_MARK } from './marks.ts';

/** The part's cells by scenario, in order: [scenario, its cells]. */
export function byScenario(cells: readonly CellRef[]): [string, CellRef[]][] {
  const out: [string, CellRef[]][] = [];
  for (const c of cells) {
    const last = out[out.length - 1];
    if (last && last[0] === c.scenario) last[1].push(c);
    else out.push([c.scenario, [c]]);
  }
  return out;
}

/** Outcome marks are shown only when the cells of a part differ in outcome. */
export function mixed(cells: readonly CellRef[]): boolean {
  return new Set(cells.map((c) => c.outcome)).size > 1;
}

function partMd(p: Part): string {
  if ('text' in p) return p.text;
  if ('design' in p) return `**${p.design}**`;
  if ('section' in p) return `[${p.label}](#${p.section})`;
  const marks = mixed(p.cells);
  const list = byScenario(p.cells).map(([id, cs]) => `[${id}](#${id})${marks ? ` ${cs.map((c) => SYMBOL[c.outcome]).join('/')}` : ''}`);
  return `${list.join(', ')}${p.more > 0 ? ` and ${p.more} more` : ''}`;
}

function partText(p: Part): string {
  if ('text' in p) return p.text;
  if ('design' in p) return p.design;
  if ('section' in p) return `see "${p.label}"`;
  const marks = mixed(p.cells);
  const list = byScenario(p.cells).map(([id, cs]) => `${id}${marks ? ` ${cs.map((c) => ASCII_MARK[c.outcome]).join('/')}` : ''}`);
  return `${list.join(', ')}${p.more > 0 ? ` and ${p.more} more` : ''}`;
}

export function findingMd(f: Finding): string {
  return f.parts.map(partMd).join('');
}

/** One line of plain text (wrap it to width with wrapText). */
export function findingText(f: Finding): string {
  return f.parts.map(partText).join('');
}

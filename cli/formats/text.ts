// Text: per scenario, per design the outcome symbol + word and one evidence line.
import type { ChalkInstance } from 'chalk';
import { SEVERITY, SYMBOL, isUnsafe, withMarks, type CellResult, type OutcomeT } from '../../scenarios/index.ts';
import type { FormatContext } from './context.ts';

export function paint(c: ChalkInstance, o: OutcomeT, text: string): string {
  if (o === 'n/a') return c.dim(text);
  if (isUnsafe(o)) return c.red(text);
  return (SEVERITY[o] ?? 0) === 0 ? c.green(text) : c.yellow(text);
}

export function formatText(cells: readonly CellResult[], ctx: FormatContext): string {
  const out: string[] = [];
  const designWidth = Math.max(0, ...cells.map((c) => c.design.length));
  const wordWidth = Math.max(0, ...cells.map((c) => withMarks(c.outcome, c.costs.blockedRemovals).length));
  let current = '';
  for (const c of cells) {
    if (c.scenario !== current) {
      if (current) out.push('');
      current = c.scenario;
      const title = ctx.titles.get(c.scenario);
      out.push(ctx.color.bold(`${c.scenario}${title ? `: ${title}` : ''}`));
    }
    const word = `${SYMBOL[c.outcome]} ${withMarks(c.outcome, c.costs.blockedRemovals).padEnd(wordWidth)}`;
    out.push(`  ${c.design.padEnd(designWidth)}  ${paint(ctx.color, c.outcome, word)}  ${c.evidence.summary}`);
  }
  return `${out.join('\n')}\n`;
}

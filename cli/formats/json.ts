// JSON: the document scenarios/result-schema.ts defines (validated before it is printed).
import { toResultsJson, type CellResult } from '../../scenarios/index.ts';
import type { FormatContext } from './context.ts';

export function formatJson(cells: readonly CellResult[], ctx: FormatContext): string {
  return `${JSON.stringify(toResultsJson(cells, ctx.seed), null, 2)}\n`;
}

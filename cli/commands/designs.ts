// arena designs [--format text|json] [--design list]: every design and variant (and those of
// arena.config.json, or the --design list) with the questions it answers, its reading and
// that reading's source; then (text) the driver obligations.
import type { Design } from '../../core/index.ts';
import { designCatalogue, formatCatalogue } from '../../designs/catalogue.ts';
import { formatObligationTable, obligationTable } from '../../designs/obligations.ts';
import { EXIT, UsageError, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import { builtInSubjects, loadSubjects } from '../subjects.ts';
import type { CommandContext } from './types.ts';

export interface DesignsOptions {
  readonly format?: string;
  readonly design?: string;
}

export function designsCommand(opts: DesignsOptions, io: Io, designs: readonly Design[] = builtInSubjects().designs): ExitCode {
  const format = opts.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format wants text or json, got "${format}"`, 'bad-format');
  const rows = designCatalogue(designs);
  if (format === 'json') {
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  io.out(`${formatCatalogue(rows)}\n\n(* the question a variant answers differently, with its source)\n\n`);
  io.out(`${formatObligationTable(obligationTable(designs))}\n`);
  return EXIT.ok;
}

/** `arena designs`, as registered in designs.command.ts. */
export async function action(ctx: CommandContext, opts: DesignsOptions): Promise<void> {
  ctx.exit(designsCommand(opts, ctx.io, (await loadSubjects(opts)).designs));
}

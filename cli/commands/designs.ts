// arena designs [--design list]: the designs (registered ones and those of
// arena.config.json, or the --design list) and the obligations each puts on the bus drivers.
import type { Design } from '../../core/index.ts';
import { formatObligationTable, obligationTable } from '../../designs/obligations.ts';
import { EXIT, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import { builtInSubjects, loadSubjects } from '../subjects.ts';
import type { CommandDef } from './types.ts';

export function designsCommand(io: Io, designs: readonly Design[] = builtInSubjects().designs): ExitCode {
  for (const d of designs) io.out(`${io.color.bold(d.name)}: ${d.title}\n    origin: ${d.origin}\n`);
  io.out(`\n${formatObligationTable(obligationTable(designs))}\n`);
  return EXIT.ok;
}

export const designs: CommandDef = {
  register(program, ctx) {
    program.command('designs').description('list the designs and their driver obligations')
      .option('--design <list>', 'comma-separated designs: names or paths to design modules (default: all, plus arena.config.json\'s)')
      .action(async (opts: { design?: string }) => ctx.exit(designsCommand(ctx.io, (await loadSubjects(opts)).designs)));
  },
};

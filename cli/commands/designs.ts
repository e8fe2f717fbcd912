// arena designs: the designs and the obligations each puts on the bus drivers.
import { formatObligationTable, obligationTable } from '../../designs/obligations.ts';
import { DESIGN_NAMES, getDesign } from '../../designs/registry.ts';
import { EXIT, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import type { CommandDef } from './types.ts';

export function designsCommand(io: Io): ExitCode {
  for (const name of DESIGN_NAMES) io.out(`${io.color.bold(name)}: ${getDesign(name).title}\n`);
  io.out(`\n${formatObligationTable(obligationTable())}\n`);
  return EXIT.ok;
}

export const designs: CommandDef = {
  register(program, ctx) {
    program.command('designs').description('list the designs and their driver obligations')
      .action(() => ctx.exit(designsCommand(ctx.io)));
  },
};

// `arena designs`: its name, description and options. The work is in designs.ts, loaded only
// when the command runs, so `arena --help` and every other command start without it.
import { Option } from 'commander';
import { lazyAction } from './lazy.ts';
import type { CommandDef } from './types.ts';

export const designs: CommandDef = {
  register(program, ctx) {
    program.command('designs').description('list the designs and variants: questions, readings, sources, driver obligations')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
      .option('--design <list>', 'comma-separated designs: names or paths to design modules (default: all, plus arena.config.json\'s)')
      .action(lazyAction(ctx, () => import('./designs.ts')));
  },
};

// `arena new-design`: its name, description and options. The work is in new-design.ts, loaded only
// when the command runs, so `arena --help` and every other command start without it.
import { lazyAction } from './lazy.ts';
import type { CommandDef } from './types.ts';

export const newDesign: CommandDef = {
  register(program, ctx) {
    program.command('new-design').description('write a working design folder (index.ts, README.md, a vitest test) to start your own design from')
      .argument('<name>', 'kebab-case name of the design')
      .option('--dir <dir>', 'parent directory of the new folder', '.')
      .option('--from <design>', 'start from a copy of this built-in design\'s code')
      .action(lazyAction(ctx, () => import('./new-design.ts')));
  },
};

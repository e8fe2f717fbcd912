// `arena list`: its name, description and options. The work is in list.ts, loaded only
// when the command runs, so `arena --help` and every other command start without it.
import { Option } from 'commander';
import { CATEGORIES } from '../../scenarios/categories.ts';
import { lazyAction } from './lazy.ts';
import type { CommandDef } from './types.ts';

export const list: CommandDef = {
  register(program, ctx) {
    program.command('list').description('list the scenarios: id, category, title')
      .addOption(new Option('--category <category>', 'only this category').choices(CATEGORIES))
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
      .option('--scenarios <dir>', 'also list the scenario .yaml files of this directory')
      .action(lazyAction(ctx, () => import('./list.ts')));
  },
};

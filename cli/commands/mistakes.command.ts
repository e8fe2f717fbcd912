// `arena mistakes`: its name, description and options. The work is in mistakes.ts, loaded only
// when the command runs, so `arena --help` and every other command start without it.
import { Option } from 'commander';
import { DESIGNS_HELP, JOBS_HELP, SCENARIOS_HELP } from '../args.ts';
import { lazyAction } from './lazy.ts';
import type { CommandDef } from './types.ts';

export const MISTAKE_FORMATS = ['text', 'json', 'md'] as const;
export const KINDS = ['omit', 'wrong-value'] as const;

export const mistakes: CommandDef = {
  register(program, ctx) {
    program.command('mistakes').description('make every driver obligation wrong and show when each mistake becomes visible (mistake rows x design columns)')
      .option('--design <list>', DESIGNS_HELP)
      .option('--scenarios <dir>', SCENARIOS_HELP)
      .option('--driver <name>', 'only this bus driver\'s obligations')
      .option('--obligation <id>', 'only this obligation')
      .addOption(new Option('--kind <kind>', 'only this mistake kind').choices(KINDS))
      .option('--scenario <id>', 'run only this scenario and print each mistaken driver\'s cell next to the correct one')
      .addOption(new Option('--format <format>', 'output format').choices(MISTAKE_FORMATS).default('text'))
      .option('--seed <n>', 'PRNG seed of every machine', '1')
      .option('--jobs <n>', JOBS_HELP)
      .action(lazyAction(ctx, () => import('./mistakes.ts')));
  },
};

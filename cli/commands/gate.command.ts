// `arena gate`: its name, description and options. The work is in gate.ts, loaded only
// when the command runs, so `arena --help` and every other command start without it.
import { DESIGNS_HELP, JOBS_HELP, SCENARIOS_HELP } from '../args.ts';
import { lazyAction } from './lazy.ts';
import type { CommandDef } from './types.ts';

export const DEFAULT_BASELINE = 'reports/baseline.json';

export const gate: CommandDef = {
  register(program, ctx) {
    program.command('gate').description('compare every cell with the committed baseline; exit 1 if any got worse')
      .option('--baseline <file>', 'baseline to compare with', DEFAULT_BASELINE)
      .option('--update', 'rewrite the baseline from this run instead of comparing')
      .option('--junit <file>', 'also write JUnit XML, one testcase per cell')
      .option('--strict', 'also fail on cells missing from the baseline, or changed at equal severity')
      .option('--seed <n>', 'PRNG seed (default: the baseline\'s)')
      .option('--design <list>', DESIGNS_HELP)
      .option('--scenarios <dir>', SCENARIOS_HELP)
      .option('--jobs <n>', JOBS_HELP)
      .action(lazyAction(ctx, () => import('./gate.ts')));
  },
};

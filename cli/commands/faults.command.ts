// `arena faults`: its name, description and options. The work is in faults.ts, loaded only
// when the command runs, so `arena --help` and every other command start without it.
import { lazyAction } from './lazy.ts';
import { DESIGNS_HELP, SCENARIOS_HELP } from '../args.ts';
import type { CommandDef } from './types.ts';

export const faults: CommandDef = {
  register(program, ctx) {
    program.command('faults').description('fail each allocation / pin / map point of a scenario in turn; report whether each unwound cleanly')
      .argument('<scenario>', 'scenario id, or path to a scenario .yaml file')
      .option('--design <list>', DESIGNS_HELP)
      .option('--scenarios <dir>', SCENARIOS_HELP)
      .option('--seed <n>', 'PRNG seed of the machine', '1')
      .option('--fail-on-unclean', 'exit 1 when some fail point did not unwind cleanly')
      .action(lazyAction(ctx, () => import('./faults.ts')));
  },
};

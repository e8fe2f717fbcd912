// `arena run`: its name, description and options. The work is in run.ts, loaded only
// when the command runs, so `arena --help` and every other command start without it.
import { Option } from 'commander';
import { FORMAT_NAMES } from '../formats/names.ts';
import { lazyAction } from './lazy.ts';
import { DESIGNS_HELP, SCENARIOS_HELP } from '../args.ts';
import type { CommandDef } from './types.ts';

export const run: CommandDef = {
  register(program, ctx) {
    program.command('run').description('run scenarios on every design (or --design) and print each outcome with its evidence')
      .argument('<scenario...>', 'scenario ids, or paths to scenario .yaml files')
      .option('--design <list>', DESIGNS_HELP)
      .option('--scenarios <dir>', SCENARIOS_HELP)
      .addOption(new Option('--format <format>', 'output format').choices(FORMAT_NAMES).default('text'))
      .option('--seed <n>', 'PRNG seed of every machine', '1')
      .option('--fail-on-unsafe', 'exit 1 when a cell is stale-dma, uaf, oops or harness-error')
      .action(lazyAction(ctx, () => import('./run.ts')));
  },
};

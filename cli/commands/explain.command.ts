// `arena explain`: its name, description and options. The work is in explain.ts, loaded only
// when the command runs, so `arena --help` and every other command start without it.
import { lazyAction } from './lazy.ts';
import { SCENARIOS_HELP } from '../args.ts';
import type { CommandDef } from './types.ts';

export const explain: CommandDef = {
  register(program, ctx) {
    program.command('explain').description('trace one scenario on one design: steps, vmas, IOMMU mappings, dmesg')
      .argument('<scenario>', 'scenario id, or path to a scenario .yaml file')
      .requiredOption('--design <name>', 'the design to trace: a name (arena designs) or a path to a design module')
      .option('--scenarios <dir>', SCENARIOS_HELP)
      .option('--seed <n>', 'PRNG seed of the machine', '1')
      .action(lazyAction(ctx, () => import('./explain.ts')));
  },
};

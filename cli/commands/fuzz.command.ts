// `arena fuzz`: its name, description and options. The work is in fuzz.ts, loaded only
// when the command runs, so `arena --help` and every other command start without it.
import { DEFAULT_MAX_FINDINGS, DEFAULT_MAX_STEPS } from '../../scenarios/fuzzer/defaults.ts';
import { DESIGNS_HELP, JOBS_HELP } from '../args.ts';
import { lazyAction } from './lazy.ts';
import type { CommandDef } from './types.ts';

export const DEFAULT_OUT = 'reports/fuzz';
export const DEFAULT_RUNS = 1000;

export const fuzz: CommandDef = {
  register(program, ctx) {
    program.command('fuzz').description('fuzz random step sequences against the invariants; shrink failures to reproducer scenario files')
      .option('--design <list>', DESIGNS_HELP)
      .option('--runs <n>', `sequences to run (default ${DEFAULT_RUNS}; per shard with --shard)`)
      .option('--seed <n>', 'campaign seed', '1')
      .option('--max-steps <k>', `steps per sequence at most (default ${DEFAULT_MAX_STEPS})`)
      .option('--max-findings <n>', `failure keys to shrink into reproducers (default ${DEFAULT_MAX_FINDINGS})`)
      .option('--out <dir>', `where reproducers and findings.json go (default ${DEFAULT_OUT}/)`)
      .option('--shard <i/n>', 'run the i-th of n disjoint slices of the seed space')
      .option('--diff', 'differential: report sequences where designs disagree on safety')
      .option('--fail-on-unsafe', 'exit 1 when any sequence broke an invariant')
      .option('--jobs <n>', JOBS_HELP)
      .action(lazyAction(ctx, () => import('./fuzz.ts')));
  },
};

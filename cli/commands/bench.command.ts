// `arena bench`: its name, description and options. The work is in bench.ts, loaded only
// when the command runs, so `arena --help` and every other command start without it.
import { CPU_ID, SPEED_ID, SUITE_IDS } from '../../bench/ids.ts';
import { DESIGNS_HELP, JOBS_HELP } from '../args.ts';
import { lazyAction } from './lazy.ts';
import type { CommandDef } from './types.ts';

export const DEFAULT_BENCH_OUT = 'reports';
export const SELECTABLE: readonly string[] = [CPU_ID, SPEED_ID, ...SUITE_IDS];

export const bench: CommandDef = {
  register(program, ctx) {
    program.command('bench').description('time every design (tinybench) and write reports/bench.md and bench.json; timings never fail')
      .option('--quick', 'fewer rounds and iterations (under 30 s)')
      .option('--out <dir>', 'directory for bench.md and bench.json', DEFAULT_BENCH_OUT)
      .option('--suite <ids>', `comma-separated suites to run (default: all): ${SELECTABLE.join(', ')}`)
      .option('--design <list>', DESIGNS_HELP)
      .option('--jobs <n>', `${JOBS_HELP}; the --jobs of the report and fuzz figures (the timed suites run in one thread)`)
      .action(lazyAction(ctx, () => import('./bench.ts')));
  },
};

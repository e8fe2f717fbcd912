// `arena report`: its name, description and options. The work is in report.ts, loaded only
// when the command runs, so `arena --help` and every other command start without it.
import { DESIGNS_HELP, JOBS_HELP, SCENARIOS_HELP } from '../args.ts';
import { lazyAction } from './lazy.ts';
import type { CommandDef } from './types.ts';

export const DEFAULT_REPORT_DIR = 'reports';

export const report: CommandDef = {
  register(program, ctx) {
    program.command('report').description('run every design x scenario and write comparison.md, .json, .txt (plain text for mail) and .html (drill-down page)')
      .option('--out <dir>', 'directory to write into', DEFAULT_REPORT_DIR)
      .option('--seed <n>', 'PRNG seed of every machine', '1')
      .option('--timestamp', 'put the wall-clock time in the provenance header (the report is then not reproducible)')
      .option('--check', 'write nothing; exit 1 if the files in --out differ from a fresh report')
      .option('--merge <dirs...>', 'fold the findings of these `arena fuzz --out` directories (shards) into the report')
      .option('--design <list>', DESIGNS_HELP)
      .option('--scenarios <dir>', SCENARIOS_HELP)
      .option('--jobs <n>', JOBS_HELP)
      .action(lazyAction(ctx, () => import('./report.ts')));
  },
};

// arena: the command line. Thin: parse flags, call a function, print, exit.
import { Command } from 'commander';
import { formatObligationTable, obligationTable } from '../designs/obligations.ts';
import { DESIGN_NAMES, getDesign } from '../designs/registry.ts';

const program = new Command('arena').description('compare vfio VM_PFNMAP-to-pfn API designs on a simulated kernel');

program.command('designs').description('list the designs and their driver obligations').action(() => {
  for (const name of DESIGN_NAMES) process.stdout.write(`${name}: ${getDesign(name).title}\n`);
  process.stdout.write(`\n${formatObligationTable(obligationTable())}\n`);
});

program.command('report').description('the full comparison (for now: what exists)').action(() => {
  for (const name of DESIGN_NAMES) process.stdout.write(`${name}: ${getDesign(name).title}\n`);
  process.stdout.write(`\n${formatObligationTable(obligationTable())}\n`);
});

program.exitOverride((err) => process.exit(err.exitCode === 0 ? 0 : 2));
program.parse();

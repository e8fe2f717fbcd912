// Every `arena` sub-command, by name. Adding one is an import and a line here.
import { bench } from './bench.ts';
import { designs } from './designs.ts';
import { explain } from './explain.ts';
import { faults } from './faults.ts';
import { fuzz } from './fuzz.ts';
import { gate } from './gate.ts';
import { list } from './list.ts';
import { mistakes } from './mistakes.ts';
import { newDesign } from './new-design.ts';
import { report } from './report.ts';
import { run } from './run.ts';
import type { CommandDef } from './types.ts';

export const COMMANDS = {
  list,
  run,
  explain,
  designs,
  report,
  gate,
  bench,
  mistakes,
  fuzz,
  faults,
  'new-design': newDesign,
} as const satisfies Readonly<Record<string, CommandDef>>;

export type CommandName = keyof typeof COMMANDS;
export type { CommandContext, CommandDef } from './types.ts';

// Every `arena` sub-command, by name. Adding one is an import and a line here. Each
// <name>.command.ts only registers the command; its work (<name>.ts) loads when it runs.
import { bench } from './bench.command.ts';
import { designs } from './designs.command.ts';
import { explain } from './explain.command.ts';
import { faults } from './faults.command.ts';
import { fuzz } from './fuzz.command.ts';
import { gate } from './gate.command.ts';
import { list } from './list.command.ts';
import { mistakes } from './mistakes.command.ts';
import { newDesign } from './new-design.command.ts';
import { report } from './report.command.ts';
import { run } from './run.command.ts';
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

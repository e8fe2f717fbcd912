import type { Command } from 'commander';
import type { ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';

export interface CommandContext {
  readonly io: Io;
  /** The code the process ends with once the command returns. */
  exit(code: ExitCode): void;
}

/** One `arena` sub-command: adds itself to the program; its action calls a plain function tests call too. */
export interface CommandDef {
  register(program: Command, ctx: CommandContext): void;
}

// The arena program: commander with every failure routed through one exit path.
// main() never calls process.exit; it returns the exit code (see exit.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands/index.ts';
import { EXIT, inputErrorMessage, type ExitCode } from './exit.ts';
import type { Io } from './io.ts';

/** The package version (package.json), for `arena --version`. */
export const VERSION: string = (JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }).version;

export function buildProgram(io: Io, setExit: (code: ExitCode) => void): Command {
  const program = new Command('arena')
    .description('compare vfio VM_PFNMAP-to-pfn API designs on a simulated kernel')
    .version(VERSION, '-V, --version', 'print the package version and exit')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .showSuggestionAfterError(true);
  for (const def of Object.values(COMMANDS)) def.register(program, { io, exit: setExit });
  return program;
}

/** Parses `argv` (without node and the script), runs the command, returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    const message = inputErrorMessage(e);
    if (message !== null) {
      io.err(`arena: ${message}\n`);
      return EXIT.usage;
    }
    // commander has already printed its message; help and --version end with exit code 0.
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    // A bug of ours, never exit 1 (which CI reads as a regression): say so, with the trace.
    io.err(`arena: internal error (a bug in arena, please report it): ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return EXIT.internal;
  }
}

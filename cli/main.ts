// arena: the command line. Thin: program.ts parses and runs; this file only sets the
// exit code (never process.exit, so piped output is flushed).
import { processIo } from './io.ts';
import { main } from './program.ts';

process.exitCode = await main(process.argv.slice(2), processIo());

// The one exit path. Every command returns an exit code; usage errors are thrown as
// UsageError and turned into code 2 by program.ts, as commander's own errors are.
//   0  ran (whatever the outcomes)
//   1  some cell is unsafe (stale-dma, uaf, oops, harness-error) and --fail-on-unsafe was given
//   2  usage error: unknown scenario or design, malformed scenario file, bad flag
export const EXIT = { ok: 0, unsafe: 1, usage: 2 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake in the command line or in a scenario file the user named: exit 2 with this message. */
export class UsageError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'UsageError';
  }
}

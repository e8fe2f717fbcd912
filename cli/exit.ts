// The one exit path. Every command returns an exit code; usage errors are thrown as
// UsageError and turned into code 2 by program.ts, as commander's own errors are, and so
// are the input and output errors of the layers below (a malformed scenario file or
// baseline, an unreadable findings.json, an output path that cannot be written).
//   0  ran (whatever the outcomes)
//   1  some cell is unsafe (stale-dma, uaf, oops, harness-error) and --fail-on-unsafe was
//      given, or the gate found a regression, or report --check found a stale report
//   2  bad input: flag, scenario file, baseline, findings.json, output path
//   3  internal error of arena itself (a bug: the message and stack trace are printed)

export const EXIT = { ok: 0, unsafe: 1, usage: 2, internal: 3 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A mistake in the command line or in a scenario file the user named: exit 2 with this message. */
export class UsageError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The input and output errors of the layers below, by the name each class gives itself
 * (scenarios' ScenarioError, reports' BaselineError, FindingsError and OutputError).
 * Named rather than imported: this file is on every command's start-up path, and
 * importing the classes would load the scenario loader and the reports with it.
 */
const INPUT_ERRORS: ReadonlySet<string> = new Set(['UsageError', 'ScenarioError', 'BaselineError', 'FindingsError', 'OutputError']);

/** Bad input found by this or a lower layer: its message (one located problem a line); null for anything else. */
export function inputErrorMessage(e: unknown): string | null {
  return e instanceof Error && INPUT_ERRORS.has(e.name) ? e.message : null;
}

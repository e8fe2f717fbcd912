// Where a command writes, and whether it may colour its text. Tests pass their own Io.
import chalk, { Chalk, type ChalkInstance } from 'chalk';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** chalk at colorLevel(): plain unless stdout is a terminal (and NO_COLOR unset) or FORCE_COLOR asks. */
  readonly color: ChalkInstance;
  /** Whether err() goes to a terminal: progress lines only then, nothing extra when piped. */
  readonly errIsTTY: boolean;
}

export type ColorLevel = 0 | 1 | 2 | 3;

/**
 * chalk's convention (its supports-color): FORCE_COLOR decides when set, even when stdout
 * is not a terminal ("0"/"false": none, ""/"1"/"true": 16 colours, "2": 256, "3": true
 * colour); otherwise NO_COLOR (https://no-color.org) turns colour off; otherwise colour
 * only on a terminal, at `ttyLevel` (what chalk detected for it).
 */
export function colorLevel(isTTY: boolean | undefined, env: NodeJS.ProcessEnv, ttyLevel: ColorLevel = 1): ColorLevel {
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === 'false' || force === '0') return 0;
    if (force === '' || force === 'true') return 1;
    const n = Number.parseInt(force, 10);
    return Number.isNaN(n) ? 1 : (Math.min(Math.max(n, 0), 3) as ColorLevel);
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  return isTTY === true ? (ttyLevel === 0 ? 1 : ttyLevel) : 0;
}

/** Whether terminal output is coloured (colorLevel() above 0). */
export function wantsColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return colorLevel(isTTY, env) > 0;
}

/**
 * A reader that went away (`arena report | head`) is not our failure: EPIPE on stdout or
 * stderr is ignored so the command still finishes its work and its files, without
 * Node's unhandled 'error' trace; any other stream error is thrown as before.
 */
function ignoreEpipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
  });
}

export function processIo(): Io {
  ignoreEpipe(process.stdout);
  ignoreEpipe(process.stderr);
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    color: new Chalk({ level: colorLevel(process.stdout.isTTY, process.env, chalk.level) }),
    errIsTTY: process.stderr.isTTY === true,
  };
}

/** An Io that keeps what was written (tests, and commands composing output). */
export function bufferIo(): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    color: new Chalk({ level: 0 }),
    errIsTTY: false,
    stdout: () => out,
    stderr: () => err,
  };
}

// Where a command writes, and whether it may colour its text. Tests pass their own Io.
import chalk, { Chalk, type ChalkInstance } from 'chalk';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** chalk with level 0 (plain) unless stdout is a terminal and NO_COLOR is unset. */
  readonly color: ChalkInstance;
  /** Whether err() goes to a terminal: progress lines only then, nothing extra when piped. */
  readonly errIsTTY: boolean;
}

/** Colour only on a terminal, never when NO_COLOR is set (https://no-color.org). */
export function wantsColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return isTTY === true && (env.NO_COLOR === undefined || env.NO_COLOR === '');
}

export function processIo(): Io {
  const color = wantsColor(process.stdout.isTTY, process.env);
  return {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    color: new Chalk({ level: color ? chalk.level : 0 }),
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

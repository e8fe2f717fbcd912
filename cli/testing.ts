// Test helpers for the command line: run `arena` in process (main() with a captured Io)
// or as the real binary (node cli/arena.js), and get the exit code and both streams.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { bufferIo } from './io.ts';
import { main } from './program.ts';

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export const ROOT = join(import.meta.dirname, '..');
const exec = promisify(execFile);

/** `arena ...args` through main(), in this process. */
export async function arenaInProcess(...args: string[]): Promise<Ran> {
  const io = bufferIo();
  const code = await main(args, io);
  return { code, stdout: io.stdout(), stderr: io.stderr() };
}

/** `node cli/arena.js ...args` in the project root, colour off. */
export async function arenaBinary(...args: string[]): Promise<Ran> {
  return arenaBinaryWith({}, ...args);
}

/** The same with extra environment variables (undefined removes one). */
export async function arenaBinaryWith(env: Readonly<Record<string, string | undefined>>, ...args: string[]): Promise<Ran> {
  const full: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete full[k];
    else full[k] = v;
  }
  try {
    const r = await exec(process.execPath, [join(ROOT, 'cli/arena.js'), ...args], { cwd: ROOT, env: full, maxBuffer: 64 << 20 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: x.code ?? -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

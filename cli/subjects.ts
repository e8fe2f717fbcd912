// What a command runs on: the designs (--design: names or module paths; the project
// config's designs by default) and the scenario directories (scenarios/, the config's,
// --scenarios). Resolved once per command, before the command's own work starts.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Design } from '../core/index.ts';
import { DesignSourceError, resolveDesigns, resolveOneDesign } from '../designs/resolve.ts';
import { DESIGN_NAMES, getDesign } from '../designs/registry.ts';
import { loadConfig } from './config.ts';
import { UsageError } from './exit.ts';

export interface Subjects {
  readonly designs: readonly Design[];
  /** Scenario directories beside scenarios/ (config first, then --scenarios). */
  readonly scenarioDirs: readonly string[];
}

export interface SubjectFlags {
  readonly design?: string;
  readonly scenarios?: string;
}

/** The registered designs and no extra scenarios: what a command runs when called without flags or config. */
export function builtInSubjects(): Subjects {
  return { designs: DESIGN_NAMES.map(getDesign), scenarioDirs: [] };
}

function usage(e: unknown): never {
  if (e instanceof DesignSourceError) throw new UsageError(e.message, e.code);
  throw e;
}

function scenarioDirs(flag: string | undefined, fromConfig: readonly string[], cwd: string): string[] {
  if (flag === undefined) return [...fromConfig];
  const dir = resolve(cwd, flag);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--scenarios ${flag}: no such directory`, 'bad-scenarios');
  return [...fromConfig, dir];
}

/** Resolves --design and --scenarios against the project config of `cwd`. */
export async function loadSubjects(flags: SubjectFlags, cwd: string = process.cwd()): Promise<Subjects> {
  const config = loadConfig(cwd);
  try {
    const designs = await resolveDesigns(flags.design, { configured: config.designs, cwd });
    return { designs, scenarioDirs: scenarioDirs(flags.scenarios, config.scenarioDirs, cwd) };
  } catch (e) {
    return usage(e);
  }
}

/** As loadSubjects, for a command that traces exactly one design (explain). */
export async function loadOneDesign(entry: string, cwd: string = process.cwd()): Promise<Design> {
  const config = loadConfig(cwd);
  try {
    return await resolveOneDesign(entry, { configured: config.designs, cwd });
  } catch (e) {
    return usage(e);
  }
}

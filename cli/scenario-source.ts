// Scenarios named on the command line: an id (scenarios/<id>.yaml, or <id>.yaml in an
// extra scenario directory) or a path to a .yaml file. Loader failures become usage
// errors carrying the loader's message (file, path in the file, what was expected) or,
// for an unknown id, suggestions.
import { existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import {
  ScenarioError, displayPath, loadAllScenarios, loadScenarioById, loadScenarioFile, scenarioFiles, type ScenarioT,
} from '../scenarios/index.ts';
import { UsageError } from './exit.ts';

function looksLikeFile(target: string): boolean {
  return /\.ya?ml$/.test(target) || target.includes('/') || (existsSync(target) && statSync(target).isFile());
}

function usage(e: unknown, id = ''): never {
  if (!(e instanceof ScenarioError)) throw e;
  if (e.code === 'UNKNOWN_ID') {
    const hint = e.nearest.length > 0 ? `\ndid you mean: ${e.nearest.join(', ')}`
      : `\nnothing close; the nearest ids are ${e.closest.join(', ')} (arena list shows all of them)`;
    throw new UsageError(`unknown scenario "${id}"${hint}`, 'unknown-scenario');
  }
  throw new UsageError(e.message, `scenario-${e.code.toLowerCase()}`);
}

function byId(id: string, dirs: readonly string[]): ScenarioT {
  for (const dir of dirs) {
    const file = scenarioFiles(dir).find((f) => basename(f) === `${id}.yaml`);
    if (file) return loadScenarioFile(file);
  }
  return loadScenarioById(id);
}

export function resolveScenarios(targets: readonly string[], dirs: readonly string[] = []): ScenarioT[] {
  return targets.map((t) => {
    try {
      return looksLikeFile(t) ? loadScenarioFile(t) : byId(t, dirs);
    } catch (e) {
      return usage(e, t);
    }
  });
}

/** Every scenario of scenarios/ and of the extra directories; an id in two places is a usage error. */
export function listScenarios(dirs: readonly string[] = []): ScenarioT[] {
  try {
    const all = [...loadAllScenarios(), ...dirs.flatMap((d) => loadAllScenarios(d))];
    const seen = new Set<string>();
    for (const s of all) {
      if (seen.has(s.id)) throw new UsageError(`scenario id "${s.id}" is defined twice (scenarios/ and ${dirs.map(displayPath).join(', ')})`, 'scenario-duplicate');
      seen.add(s.id);
    }
    return all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  } catch (e) {
    return usage(e);
  }
}

/** The scenarios a whole-matrix command runs: undefined (the runner's default, scenarios/) unless there are extra directories. */
export function matrixScenarios(dirs: readonly string[]): ScenarioT[] | undefined {
  return dirs.length === 0 ? undefined : listScenarios(dirs);
}

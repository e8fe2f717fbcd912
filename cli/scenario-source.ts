// Scenarios named on the command line: an id (scenarios/<id>.yaml) or a path to a
// .yaml file. Loader failures become usage errors carrying the loader's message
// (file, path in the file, what was expected) or, for an unknown id, suggestions.
import { existsSync, statSync } from 'node:fs';
import { ScenarioError, loadAllScenarios, loadScenarioById, loadScenarioFile, type ScenarioT } from '../scenarios/index.ts';
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

export function resolveScenarios(targets: readonly string[]): ScenarioT[] {
  return targets.map((t) => {
    try {
      return looksLikeFile(t) ? loadScenarioFile(t) : loadScenarioById(t);
    } catch (e) {
      return usage(e, t);
    }
  });
}

export function listScenarios(): ScenarioT[] {
  try {
    return loadAllScenarios();
  } catch (e) {
    return usage(e);
  }
}

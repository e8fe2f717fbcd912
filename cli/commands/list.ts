// arena list [--category c] [--format text|json]: every scenario with its category and title.
// Listing scenarios/ alone reads them from the parse cache when it holds every file
// (scenarios/catalog.ts), so a plain `arena list` loads neither the loader nor a design.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cachedScenarios } from '../../scenarios/catalog.ts';
import { CATEGORIES } from '../../scenarios/categories.ts';
import type { ScenarioT } from '../../scenarios/schema.ts';
import { CONFIG_FILE } from '../config-file.ts';
import { EXIT, UsageError, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import type { CommandContext } from './types.ts';

export interface ListOptions {
  readonly category?: string;
  readonly format?: string;
  readonly scenarios?: string;
}

function checkOptions(opts: ListOptions): void {
  const format = opts.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format wants text or json, got "${format}"`, 'bad-format');
  if (opts.category !== undefined && !(CATEGORIES as readonly string[]).includes(opts.category)) {
    throw new UsageError(`unknown category "${opts.category}"; categories: ${CATEGORIES.join(', ')}`, 'unknown-category');
  }
}

/** Prints `all` (every scenario to list) as the options ask. */
export function listCommand(opts: ListOptions, io: Io, all: readonly ScenarioT[]): ExitCode {
  checkOptions(opts);
  const shown = all.filter((s) => opts.category === undefined || s.category === opts.category);
  if ((opts.format ?? 'text') === 'json') {
    const rows = shown.map((s) => ({ id: s.id, category: s.category, title: s.title, origin: s.origin, sweepFailNth: s.sweepFailNth, steps: s.steps.length }));
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const idWidth = Math.max(0, ...shown.map((s) => s.id.length));
  const catWidth = Math.max(0, ...shown.map((s) => s.category.length));
  for (const s of shown) io.out(`${io.color.bold(s.id.padEnd(idWidth))}  ${s.category.padEnd(catWidth)}  ${s.title}\n`);
  return EXIT.ok;
}

/** Every scenario of scenarios/ and of the extra directories (--scenarios, the project config). */
async function scenariosToList(opts: ListOptions): Promise<ScenarioT[]> {
  if (opts.scenarios === undefined && !existsSync(join(process.cwd(), CONFIG_FILE))) {
    const cached = cachedScenarios();
    if (cached) return cached;
  }
  const [{ loadSubjects }, { listScenarios }] = await Promise.all([import('../subjects.ts'), import('../scenario-source.ts')]);
  return listScenarios((await loadSubjects({ ...(opts.scenarios !== undefined ? { scenarios: opts.scenarios } : {}) })).scenarioDirs);
}

/** `arena list`, as registered in list.command.ts. */
export async function action(ctx: CommandContext, opts: ListOptions): Promise<void> {
  checkOptions(opts);
  ctx.exit(listCommand(opts, ctx.io, await scenariosToList(opts)));
}

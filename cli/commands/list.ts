// arena list [--category c] [--format text|json]: every scenario with its category and title.
import { Option } from 'commander';
import { Category } from '../../scenarios/index.ts';
import { EXIT, UsageError, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import { listScenarios } from '../scenario-source.ts';
import { loadSubjects } from '../subjects.ts';
import type { CommandDef } from './types.ts';

export interface ListOptions {
  readonly category?: string;
  readonly format?: string;
  readonly scenarios?: string;
}

export function listCommand(opts: ListOptions, io: Io, scenarioDirs: readonly string[] = []): ExitCode {
  const format = opts.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format wants text or json, got "${format}"`, 'bad-format');
  if (opts.category !== undefined && !Category.safeParse(opts.category).success) {
    throw new UsageError(`unknown category "${opts.category}"; categories: ${Category.options.join(', ')}`, 'unknown-category');
  }
  const all = listScenarios(scenarioDirs).filter((s) => opts.category === undefined || s.category === opts.category);
  if (format === 'json') {
    const rows = all.map((s) => ({ id: s.id, category: s.category, title: s.title, origin: s.origin, sweepFailNth: s.sweepFailNth, steps: s.steps.length }));
    io.out(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const idWidth = Math.max(0, ...all.map((s) => s.id.length));
  const catWidth = Math.max(0, ...all.map((s) => s.category.length));
  for (const s of all) io.out(`${io.color.bold(s.id.padEnd(idWidth))}  ${s.category.padEnd(catWidth)}  ${s.title}\n`);
  return EXIT.ok;
}

export const list: CommandDef = {
  register(program, ctx) {
    program.command('list').description('list the scenarios: id, category, title')
      .addOption(new Option('--category <category>', 'only this category').choices(Category.options))
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
      .option('--scenarios <dir>', 'also list the scenario .yaml files of this directory')
      .action(async (opts: ListOptions) => ctx.exit(listCommand(opts, ctx.io, (await loadSubjects({ ...(opts.scenarios !== undefined ? { scenarios: opts.scenarios } : {}) })).scenarioDirs)));
  },
};

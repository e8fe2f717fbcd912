// arena mistakes [--design d] [--driver x] [--obligation o] [--kind k] [--scenario s]
//                [--format text|json|md] [--seed n]
// The driver-mistake matrix (issue 9, docs/mistakes.md): every obligation made wrong,
// classified by when the mistake becomes visible. --scenario runs just that scenario
// and prints each mutant's cell there next to the correct driver's (what a row's
// reproduce command shows).
import { renderMistakesSection, mistakeMatrixCells, scoreCells, CLASS_LABEL } from '../../reports/mistakes-section.ts';
import { generateMutants, obligatedDrivers, runMistakeMatrix, type MistakeMatrixJsonT } from '../../scenarios/mutants/index.ts';
import { JOBS_HELP, parseJobs, parseSeed } from '../args.ts';
import { prefillMistakes } from '../prefill.ts';
import { EXIT, UsageError, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import { matrixScenarios, resolveScenarios } from '../scenario-source.ts';
import { builtInSubjects, loadSubjects, type Subjects } from '../subjects.ts';
import { MISTAKE_FORMATS, KINDS } from './mistakes.command.ts';
import type { CommandContext } from './types.ts';


export interface MistakesCliOptions {
  readonly design?: string;
  readonly scenarios?: string;
  readonly driver?: string;
  readonly obligation?: string;
  readonly kind?: string;
  readonly scenario?: string;
  readonly format?: string;
  readonly seed?: string | number;
  readonly jobs?: string | number;
}

function oneOf<T extends string>(v: string, allowed: readonly T[]): v is T {
  return (allowed as readonly string[]).includes(v);
}

/** Columns padded to their widest cell. */
function columns(head: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt)].join('\n');
}

export function formatMistakesText(m: MistakeMatrixJsonT, io: Io): string {
  const mx = mistakeMatrixCells(m);
  const sc = scoreCells(m);
  const rows = m.rows.filter((r) => r.class !== 'n/a').map((r) => {
    const head = `${io.color.bold(`${r.design} ${r.driver} ${r.obligation ?? ''} (${r.kind ?? ''})`)}: ${CLASS_LABEL[r.class]}`;
    const decided = r.decidingScenario && r.decidingOutcome
      ? `\n    ${r.decidingScenario} (${r.decidingCategory ?? ''}): ${r.decidingOutcome.before} → ${r.decidingOutcome.after}${r.decidingSign ? `; ${r.decidingSign}` : ' (nothing new)'}` : '';
    return `${head}${decided}\n    ${r.note}\n    Rusty ${r.rusty.words}\n    ${r.reproduce ?? ''}`;
  });
  const cells = (m.cells ?? []).map((c) => [
    `${io.color.bold(`${c.design} ${c.driver} ${c.obligation} (${c.kind})`)} in ${c.scenario}${c.obligationReached ? '' : ' (step not reached)'}`,
    `    correct driver:  ${c.before.outcome}: ${c.before.summary}`,
    `    mistaken driver: ${c.after.outcome}: ${c.after.summary}`,
    ...c.newVisible.map((s) => `    new, visible: ${s}`),
    ...c.newHarm.map((s) => `    new, silent:  ${s}`),
  ].join('\n'));
  return [
    `How hard is it to use wrong? seed ${m.seed}, ${m.scenarios.length} scenario(s); rules: docs/mistakes.md`,
    columns(mx.head, mx.rows) + (mx.nowhere.length > 0 ? `\nno design can express: ${mx.nowhere.join('; ')}` : ''),
    columns(sc.head, sc.rows),
    ...rows,
    ...cells,
  ].join('\n\n') + '\n';
}

/** Runs the matrix for the filters and prints it; every bad filter is a UsageError naming it. */
export async function mistakesCommand(opts: MistakesCliOptions, io: Io, subjects: Subjects = builtInSubjects()): Promise<ExitCode> {
  const jobs = parseJobs(opts.jobs);
  const format = opts.format ?? 'text';
  if (!oneOf(format, MISTAKE_FORMATS)) throw new UsageError(`--format wants one of ${MISTAKE_FORMATS.join(', ')}, got "${format}"`, 'bad-format');
  const designs = subjects.designs;
  const seed = parseSeed(opts.seed);
  const drivers = obligatedDrivers(designs);
  if (opts.driver !== undefined && !drivers.includes(opts.driver)) {
    throw new UsageError(`unknown driver "${opts.driver}" (no design puts an obligation on it); drivers: ${drivers.join(', ')}`, 'unknown-driver');
  }
  if (opts.kind !== undefined && !oneOf(opts.kind, KINDS)) throw new UsageError(`--kind wants one of ${KINDS.join(', ')}, got "${opts.kind}"`, 'bad-kind');
  const kind = opts.kind;
  const driver = opts.driver;
  if (opts.obligation !== undefined) {
    const known = [...new Set(generateMutants(designs, driver !== undefined ? { driver } : {}).map((m) => m.obligation.id))];
    if (!known.includes(opts.obligation)) {
      throw new UsageError(`unknown obligation "${opts.obligation}" for ${opts.design ?? 'any design'}${driver ? ` / ${driver}` : ''}; obligations: ${known.join(', ')}`, 'unknown-obligation');
    }
  }
  const scenarios = opts.scenario !== undefined ? resolveScenarios([opts.scenario], subjects.scenarioDirs) : matrixScenarios(subjects.scenarioDirs);
  const matrixOpts = {
    seed, designs,
    ...(driver !== undefined ? { driver } : {}),
    ...(opts.obligation !== undefined ? { obligation: opts.obligation } : {}),
    ...(kind !== undefined ? { kind } : {}),
    ...(scenarios ? { scenarios } : {}),
    ...(opts.scenario !== undefined ? { cells: true } : {}),
  };
  const matrix = runMistakeMatrix({ ...matrixOpts, cache: await prefillMistakes(matrixOpts, jobs) });
  if (format === 'json') io.out(`${JSON.stringify(matrix, null, 2)}\n`);
  else if (format === 'md') io.out(`${renderMistakesSection(matrix)}\n`);
  else io.out(formatMistakesText(matrix, io));
  return EXIT.ok;
}

/** `arena mistakes`, as registered in mistakes.command.ts. */
export async function action(ctx: CommandContext, opts: MistakesCliOptions): Promise<void> {
  ctx.exit(await mistakesCommand(opts, ctx.io, await loadSubjects(opts)));
}

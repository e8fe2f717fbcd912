// The gate's baseline (reports/baseline.json): the outcome of every (scenario, design)
// cell, plus the deterministic cost counters of each design's lookup path, and any
// further sections later analyses add. Sorted keys, so a change reads as a small diff.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { Outcome, type CellResult } from '../scenarios/index.ts';
import { MistakeClass } from '../scenarios/mutants/index.ts';

export const BASELINE_VERSION = 1;

const Counters = z.record(z.string(), z.number().int().nonnegative());

export const BaselineJson = z.object({
  version: z.literal(BASELINE_VERSION),
  seed: z.number().int().nonnegative(),
  /** scenario id -> design -> outcome word. */
  cells: z.record(z.string(), z.record(z.string(), Outcome)),
  /** design -> counter -> value, for the lookup-path workload (bench/counters.ts). */
  counters: z.record(z.string(), Counters).optional(),
  /** Allowed increase of any lookup-path counter before the gate fails (default 0). */
  counterTolerance: z.number().int().nonnegative().optional(),
  /** design/driver/obligation/kind -> mistake class (scenarios/mutants, docs/mistakes.md). */
  mistakes: z.record(z.string(), MistakeClass).optional(),
}).strict();

export type BaselineT = z.infer<typeof BaselineJson>;

export class BaselineError extends Error {
  constructor(message: string, readonly path: string) {
    super(message);
    this.name = 'BaselineError';
  }
}

/** Reads and validates a baseline; every problem is a BaselineError naming the file and the reason. */
export function readBaseline(path: string): BaselineT {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new BaselineError(`${path}: no baseline file (create one with \`arena gate --update\`)`, path);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new BaselineError(`${path}: not JSON: ${e instanceof Error ? e.message : String(e)}`, path);
  }
  const r = BaselineJson.safeParse(raw);
  if (!r.success) {
    const issues = r.error.issues.slice(0, 3).map((i) => `at ${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${i.message}`);
    const more = r.error.issues.length > 3 ? `; and ${r.error.issues.length - 3} more` : '';
    throw new BaselineError(`${path}: not a valid baseline: ${issues.join('; ')}${more}`, path);
  }
  return r.data;
}

function sortedRecord<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export interface BaselineParts {
  readonly seed: number;
  readonly cells: readonly CellResult[];
  readonly counters?: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly counterTolerance?: number;
  readonly mistakes?: Readonly<Record<string, string>>;
}

/** A baseline holding these results, keys sorted. */
export function makeBaseline(p: BaselineParts): BaselineT {
  const byScenario = new Map<string, Array<readonly [string, CellResult['outcome']]>>();
  for (const c of p.cells) byScenario.set(c.scenario, [...(byScenario.get(c.scenario) ?? []), [c.design, c.outcome]]);
  return BaselineJson.parse({
    version: BASELINE_VERSION,
    seed: p.seed,
    cells: sortedRecord([...byScenario].map(([s, ds]) => [s, Object.fromEntries(ds)] as const)),
    ...(p.counters ? { counters: sortedRecord(Object.entries(p.counters).map(([d, c]) => [d, sortedRecord(Object.entries(c))] as const)) } : {}),
    ...(p.counterTolerance !== undefined ? { counterTolerance: p.counterTolerance } : {}),
    ...(p.mistakes ? { mistakes: sortedRecord(Object.entries(p.mistakes)) } : {}),
  });
}

export function baselineText(b: BaselineT): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

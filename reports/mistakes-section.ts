// The report's "How hard is it to use wrong?" section (issue 9) from the mistake
// matrix, and the gate's comparison of mistake classes with the baseline. Plain
// markdown, deterministic: rows keep the matrix's order, matrix lines are grouped by
// driver with named mistakes in the vocabulary's order. Rules: docs/mistakes.md.
import { MISTAKE_NAMES } from '../scenarios/index.ts';
import {
  MistakeMatrixJson, RUSTY, mutantKey, type MistakeClassT, type MistakeMatrixJsonT, type MistakeRowJsonT,
} from '../scenarios/mutants/index.ts';
import { table } from './markdown.ts';

export { MistakeMatrixJson, type MistakeMatrixJsonT } from '../scenarios/mutants/index.ts';

export const MISTAKES_SECTION_TITLE = 'How hard is it to use wrong?';

/** Matrix cell words. */
export const CLASS_LABEL: Readonly<Record<MistakeClassT, string>> = {
  'caught-in-normal-use': 'normal use',
  'caught-only-in-corner': 'corner only',
  'silent': 'silent',
  'no-effect': 'no effect',
  'n/a': 'n/a',
};

/** Shown where a design has no obligation of that name at all. */
export const NOT_AN_OBLIGATION = '—';

const nameRank = (n: string | null): number => (n === null ? MISTAKE_NAMES.length : MISTAKE_NAMES.indexOf(n as (typeof MISTAKE_NAMES)[number]));

function lineLabel(r: MistakeRowJsonT): string {
  return `${r.driver}: ${r.mistakeName ?? `${r.obligation ?? '?'} (${r.kind ?? '?'})`}`;
}

/**
 * The matrix as rows of strings: one line per mistake (driver + name, or driver +
 * obligation + kind where the vocabulary has no name), one column per design; `nowhere`
 * lists the named mistakes no design can express for that driver.
 */
export function mistakeMatrixCells(m: MistakeMatrixJsonT): { head: string[]; rows: string[][]; nowhere: string[] } {
  const drivers = [...m.drivers, ...new Set(m.rows.map((r) => r.driver))];
  const lines = new Map<string, { driver: string; name: string | null; order: number }>();
  m.rows.forEach((r, i) => {
    const label = lineLabel(r);
    if (!lines.has(label)) lines.set(label, { driver: r.driver, name: r.mistakeName, order: i });
  });
  const sorted = [...lines].sort(([, a], [, b]) =>
    drivers.indexOf(a.driver) - drivers.indexOf(b.driver) || nameRank(a.name) - nameRank(b.name) || a.order - b.order);
  const all = sorted.map(([label]) => [label, ...m.designs.map((d) => {
    const here = m.rows.filter((r) => r.design === d && lineLabel(r) === label);
    return here.length === 0 ? NOT_AN_OBLIGATION : here.map((r) => CLASS_LABEL[r.class]).join(' / ');
  })]);
  // A line no design can express says nothing per design: named once, below the table.
  const expressible = (r: readonly string[]): boolean => r.slice(1).some((c) => c !== CLASS_LABEL['n/a'] && c !== NOT_AN_OBLIGATION);
  return { head: ['mistake', ...m.designs], rows: all.filter(expressible), nowhere: all.filter((r) => !expressible(r)).map((r) => r[0] ?? '') };
}

const pct = (share: number | null): string => (share === null ? '-' : `${Math.round(share * 100)}%`);

export function scoreCells(m: MistakeMatrixJsonT): { head: string[]; rows: string[][] } {
  return {
    head: ['design', 'mistakes', 'caught in normal use', 'only in a corner', 'silent', 'no effect', 'n/a', 'lowest Rusty rung'],
    rows: m.scores.map((s) => [
      s.design, String(s.mistakes), `${s.caughtInNormalUse} (${pct(s.share)})`, String(s.caughtOnlyInCorner), String(s.silent),
      String(s.noEffect), String(s.notExpressible), s.lowestRung === null ? '-' : String(s.lowestRung),
    ]),
  };
}

const code = (s: string | null): string => (s === null ? '' : `\`${s}\``);

function detailRows(m: MistakeMatrixJsonT): string[][] {
  return m.rows.filter((r) => r.class !== 'n/a' && r.class !== 'no-effect').map((r) => [
    r.design, r.driver, `${r.obligation ?? ''} (${r.kind ?? ''})`, CLASS_LABEL[r.class], String(r.rusty.level ?? '-'),
    r.decidingScenario ?? '', r.decidingOutcome ? `${r.decidingOutcome.before} → ${r.decidingOutcome.after}` : '',
    r.decidingSign ?? '', code(r.reproduce),
  ]);
}

/** The section's body (without its heading, which is MISTAKES_SECTION_TITLE). */
export function renderMistakesSection(matrix: MistakeMatrixJsonT): string {
  const m = MistakeMatrixJson.parse(matrix);
  const mx = mistakeMatrixCells(m);
  const sc = scoreCells(m);
  const noEffect = m.rows.filter((r) => r.class === 'no-effect');
  const rungs = (['caught-in-normal-use', 'caught-only-in-corner', 'silent', 'no-effect', 'n/a'] as const)
    .map((c) => [CLASS_LABEL[c], RUSTY[c].words]);
  return [
    `Every obligation a design puts on a bus driver, made wrong on purpose: for each (design, driver, obligation, mistake kind) ` +
      `the driver is built with that mistake from the obligation data, and all ${m.scenarios.length} scenarios run with it, ` +
      'each compared with the same scenario run with the correct driver (driver-misuse scenarios without their own mistake step). ' +
      '*normal use*: a correctness scenario shows a new errno, WARNING or crash, so the author finds it on the first test; ' +
      '*corner only*: only a lifecycle, user-error, driver-misuse or fault-injection scenario shows it; ' +
      '*silent*: the only new things are harm nobody sees (stale DMA, use after free, leak, a misuse let through); ' +
      '*no effect*: no scenario got worse. Rules: docs/mistakes.md.',
    '### Matrix',
    table(mx.head, mx.rows),
    `\`n/a\`: the design has no obligation where a driver could make this named mistake; \`${NOT_AN_OBLIGATION}\`: the design has no such obligation.` +
      (mx.nowhere.length > 0 ? ` No design can express: ${mx.nowhere.join('; ')}.` : ''),
    '### Score per design',
    table(sc.head, sc.rows, sc.head.map((_, i) => (i === 0 ? 'l' : 'r'))),
    '### Reading on Rusty Russell\'s scale',
    table(['class', 'rung'], rungs),
    '### Every mistake with an effect',
    table(['design', 'driver', 'obligation (kind)', 'class', 'rung', 'deciding scenario', 'before → after', 'what decided it', 'reproduce'],
      detailRows(m)),
    '### Mistakes with no effect',
    noEffect.length === 0 ? 'None: every mistake changed some scenario.'
      : noEffect.map((r) => `- **${r.design}** ${r.driver} \`${r.obligation ?? ''}\` (${r.kind ?? ''}): ${r.note}.`).join('\n'),
  ].join('\n\n');
}

/** Gate order of the classes, best first; no-effect ranks with the best. n/a is not ranked. */
const CLASS_RANK: Readonly<Record<MistakeClassT, number | null>> = {
  'caught-in-normal-use': 0, 'no-effect': 0, 'caught-only-in-corner': 1, 'silent': 2, 'n/a': null,
};

function rankOf(c: string | undefined): number | null {
  return c !== undefined && Object.hasOwn(CLASS_RANK, c) ? CLASS_RANK[c as MistakeClassT] : null;
}

/** design/driver/obligation/kind -> class, for every generated mistake (the baseline's `mistakes`). */
export function mistakeClasses(m: MistakeMatrixJsonT): Record<string, MistakeClassT> {
  const out: Record<string, MistakeClassT> = {};
  for (const r of m.rows) {
    if (r.obligation !== null && r.kind !== null) out[mutantKey({ design: r.design, driver: r.driver, obligation: r.obligation, kind: r.kind })] = r.class;
  }
  return out;
}

export interface MistakeRegression {
  readonly key: string;
  /** "mistake design/driver/obligation/kind", the gate's line. */
  readonly what: string;
  /** The baseline's class, or "absent" for a mistake the baseline does not know. */
  readonly before: string;
  readonly after: MistakeClassT;
  readonly reproduce?: string;
}

/**
 * Rows whose class got worse than the baseline's. Worse means a higher rank:
 * normal use = no effect < corner only < silent. A mistake the baseline does not know
 * counts as if it had been harmless before, so a new obligation whose mistake is only
 * caught in a corner, or not at all, fails too. Becoming no-effect is never worse.
 */
function baselineRecord(baseline: MistakeMatrixJsonT | Readonly<Record<string, string>>): Readonly<Record<string, string>> {
  return 'rows' in baseline && Array.isArray(baseline.rows)
    ? mistakeClasses(baseline as MistakeMatrixJsonT) : baseline as Readonly<Record<string, string>>;
}

/** Designs the baseline holds mistake rows for (the first part of each key). */
function baselineDesigns(before: Readonly<Record<string, string>>): Set<string> {
  return new Set(Object.keys(before).map((k) => k.slice(0, k.indexOf('/'))));
}

/**
 * Mistake classes that got worse. A mistake the baseline does not know counts as worse
 * (unless caught in normal use or without effect) when its design is in the baseline;
 * the rows of a design the baseline does not hold at all are new (newDesignMistakes).
 */
export function compareMistakes(baseline: MistakeMatrixJsonT | Readonly<Record<string, string>>, current: MistakeMatrixJsonT): MistakeRegression[] {
  const before = baselineRecord(baseline);
  const known = baselineDesigns(before);
  const out: MistakeRegression[] = [];
  for (const r of current.rows) {
    if (r.obligation === null || r.kind === null || !known.has(r.design)) continue;
    const key = mutantKey({ design: r.design, driver: r.driver, obligation: r.obligation, kind: r.kind });
    const was = Object.hasOwn(before, key) ? before[key] : undefined;
    const now = rankOf(r.class);
    if (now === null || now <= (rankOf(was) ?? 0)) continue;
    out.push({ key, what: `mistake ${key}`, before: was ?? 'absent', after: r.class, ...(r.reproduce ? { reproduce: r.reproduce } : {}) });
  }
  return out;
}

/** "mistake <key>: <class>" for every row of a design the baseline has no mistake rows for. */
export function newDesignMistakes(baseline: MistakeMatrixJsonT | Readonly<Record<string, string>>, current: MistakeMatrixJsonT): string[] {
  const known = baselineDesigns(baselineRecord(baseline));
  return current.rows.filter((r) => r.obligation !== null && r.kind !== null && !known.has(r.design))
    .map((r) => `mistake ${mutantKey({ design: r.design, driver: r.driver, obligation: r.obligation ?? '', kind: r.kind ?? 'omit' })}: ${r.class}`);
}

// comparison.md from the comparison data. Plain markdown (no colour, no mermaid: charts
// are bar tables). Deterministic: the same data gives the same bytes. The first screen
// is the findings and the verdict table; the wide tables come later.
import { Category, OUTCOMES, SEVERITY, type OutcomeT } from '../scenarios/index.ts';
import { LEVEL_INFO, LEVELS } from './levels.ts';
import { cell, table } from './markdown-table.ts';
import { outcomeCell, outcomeMark } from './marks.ts';
import type { ComparisonJsonT, DesignSummaryT } from './schema.ts';
import { asPostedView } from './variants-section.ts';
import { findingsMd, outcomeCountsMd, verdictMd } from './verdict-md.ts';

export { cell, outcomeCell, table };

/** A section another module contributes (mistake matrix, fuzz findings). */
export interface ExtraSection {
  readonly title: string;
  /** Markdown body, without the heading. */
  readonly body: string;
}


function pct(d: DesignSummaryT): string {
  return d.misuseDetectionRate === null ? '-' : `${(d.misuseDetectionRate * 100).toFixed(1)}% (${d.misuseDetected}/${d.misuseScored})`;
}

function provenanceBlock(j: ComparisonJsonT): string {
  const p = j.provenance;
  return [
    `- package: ${p.package} ${p.version}, Node ${p.node}, seed ${p.seed}${p.timestamp ? `, generated ${p.timestamp}` : ''}; ` +
      `regenerate: \`npm start\` (or \`npx arena report --seed ${p.seed}\`), also as [text](comparison.txt) and [html](comparison.html)`,
    `- inputs: digest \`${p.inputsDigest}\`${p.commit ? `, last changed in commit \`${p.commit}\`` : ', git commit unavailable'}`,
  ].join('\n');
}

function outcomeGlossary(): string {
  const words: Readonly<Record<OutcomeT, string>> = {
    'ok': 'everything ran; nothing refused, no splat, nothing stale or leaked',
    'rejected': 'an errno at the API (or the IOMMU blocked a DMA) before any harm',
    'false-reject': 'a legitimate step was refused',
    'warn': 'a WARNING splat, or an access that hit the mapped BAR with decode off (Unsupported Request, AER)',
    'leak': 'the teardown audit found a reference, pin, registration or object left behind',
    'stale-dma': 'a DMA (or CPU access) reached an owner other than the one mapped: freed or reused RAM, another device, nothing',
    'uaf': 'KASAN reported a use after free',
    'oops': 'the kernel crashed (BUG, bad pointer)',
    'n/a': 'the case cannot be expressed in this design (it has no such driver obligation)',
    'harness-error': 'a bug of ours: the design or the core threw',
  };
  return table(['outcome', 'severity', 'meaning'],
    OUTCOMES.map((o) => [outcomeMark(o), SEVERITY[o] === null ? 'not scored' : String(SEVERITY[o]), words[o]]), ['l', 'r', 'l']);
}

function summaryTable(j: ComparisonJsonT): string {
  const head = ['design', ...OUTCOMES, 'misuse detection', 'silent failures', 'crashes', 'false rejects', 'blocked removals',
    'driver obligations', 'driver-side lines'];
  const rows = j.designs.map((d) => [
    `**${d.design}**`, ...OUTCOMES.map((o) => String(d.counts[o])), pct(d), String(d.silentFailures), String(d.crashes),
    String(d.falseRejects), String(d.blockedRemovals),
    d.obligations.filter((o) => o.count > 0).map((o) => `${o.driver}: ${o.count}`).join(', ') || 'none',
    d.obligations.filter((o) => o.driverLines > 0).map((o) => `${o.driver}: ${o.driverLines}`).join(', ') || '0',
  ]);
  return table(head, rows, head.map((_, i) => (i === 0 || i >= head.length - 2 ? 'l' : 'r')));
}

/** "12 (+2)": a counter with its difference from the reference value. */
export function withDelta(v: number, reference: number): string {
  const d = v - reference;
  return `${v} (${d >= 0 ? '+' : ''}${d})`;
}

/** Counter totals over the correctness cells, with the delta against the first design. */
function normalPathWork(j: ComparisonJsonT): string {
  const first = j.designs[0];
  const keys = Object.keys(first?.normalPathCost ?? {});
  const rows = keys.map((k) => [k, ...j.designs.map((d, i) => {
    const v = d.normalPathCost[k] ?? 0;
    const b = first?.normalPathCost[k] ?? 0;
    return i === 0 ? String(v) : withDelta(v, b);
  })]);
  const n = j.scenarios.filter((s) => s.category === 'correctness').length;
  return [
    `Exact cost counters summed over the ${n} correctness scenarios (legitimate use only, no fault injection), with the difference against \`${first?.design ?? ''}\`. ` +
      'This is the extra work a design does when nobody makes a mistake; `arena bench` times it.',
    table(['counter', ...j.designs.map((d) => d.design)], rows, ['l', ...j.designs.map(() => 'r' as const)]),
  ].join('\n\n');
}

function matrix(j: ComparisonJsonT): string {
  const designs = j.designs.map((d) => d.design);
  return Category.options.map((cat) => {
    const rows = j.scenarios.filter((s) => s.category === cat).map((s) => [
      `[${s.id}](#${s.id})`,
      ...designs.map((d) => {
        const c = s.cells.find((x) => x.design === d);
        return c ? outcomeCell(c) : '';
      }),
    ]);
    return rows.length === 0 ? '' : `### ${cat}\n\n${table(['scenario', ...designs], rows)}`;
  }).filter((s) => s !== '').join('\n\n');
}

function rustySection(j: ComparisonJsonT): string {
  const designs = j.designs.map((d) => d.design);
  const mapping = table(['level', 'outcomes', 'meaning', 'nearest rung of Rusty\'s scale'],
    LEVEL_INFO.map((l) => [`\`${l.level}\``, l.outcomes.join(', '), l.meaning, l.rusty]));
  const perDesign = table(['design', ...LEVELS],
    j.designs.map((d) => [`**${d.design}**`, ...LEVELS.map((l) => String(d.levels[l]))]), ['l', ...LEVELS.map(() => 'r' as const)]);
  const rows = j.scenarios.filter((s) => s.category !== 'correctness' && s.category !== 'conformance').map((s) => [
    `[${s.id}](#${s.id})`, s.category,
    ...designs.map((d) => s.cells.find((c) => c.design === d)?.level ?? ''),
  ]);
  const none = '\n\nNo case is refused at build time through types: the simulation observes run-time behaviour only. ' +
    '`cannot-express` counts the cases where the design has no obligation the mistake could break.';
  return [
    'For every misuse case (every category except correctness), the level at which the design catches it, in the spirit of Rusty Russell\'s API-design scale. The mapping from outcome to level:',
    mapping,
    `Per design, how many misuse cases sit at each level:${none}`,
    perDesign,
    'Per misuse case:',
    table(['scenario', 'category', ...designs], rows),
  ].join('\n\n');
}

function scenarioSections(j: ComparisonJsonT): string {
  return j.scenarios.map((s) => [
    `### ${s.id}`,
    `**${cell(s.title)}** (${s.category})`,
    s.description,
    `*Origin:* ${s.origin}`,
    table(['design', 'outcome', 'deciding evidence', 'reproduce'], s.cells.map((c) => [
      c.design, outcomeCell(c),
      [c.summary, ...c.evidence].join(' · '), `\`${c.reproduce}\``,
    ])),
  ].join('\n\n')).join('\n\n');
}

/**
 * The whole markdown report. The findings and the verdict see every row (variants in a
 * table of their own); the other sections show the designs as posted (asPostedView).
 */
export function renderComparisonMd(full: ComparisonJsonT, extra: readonly ExtraSection[] = []): string {
  const j = asPostedView(full);
  const parts = [
    '# pfnmap-arena: design comparison',
    '<!-- generated by `arena report`; do not edit by hand -->',
    provenanceBlock(j),
    '## Findings',
    findingsMd(full),
    '## Verdict',
    verdictMd(full),
    '### Outcomes and severity',
    outcomeGlossary(),
    '## Outcome counts',
    outcomeCountsMd(j),
    '## Matrix',
    matrix(j),
    '## Summary in full',
    summaryTable(j),
    [
      '- **misuse detection**: of the misuse cells (every category but correctness, n/a left out), the share that ended ok, rejected, warn or false-reject, i.e. harm was prevented or made visible. A crash (oops) does not count as detected.',
      '- **silent failures**: stale-dma + uaf + leak over all cells. **crashes**: oops. **false rejects**: legitimate use refused.',
      '- **blocked removals**: hot-unplug requests that had to wait for a user to let go (a cost of holding a device reference); each such cell is marked `removal blocked` in the matrix and the scenario tables.',
      '- **driver obligations / driver-side lines**: what each bus driver must do for the design, counted from the design\'s declared obligations and its per-driver source files.',
    ].join('\n'),
    '### Work on the normal path',
    normalPathWork(j),
    '## How the misuse cases are caught',
    rustySection(j),
    ...extra.flatMap((e) => [`## ${e.title}`, e.body.trim()]),
    '## Scenarios',
    scenarioSections(j),
  ];
  return `${parts.join('\n\n')}\n`;
}

// The seed thread's claims, each tied to the scenarios or counters that test it. A claim
// names scenarios and what it predicts for any design that can express the case; it
// never names a design. The section prints what the simulation found next to it and
// says plainly where the two disagree.
import { SYMBOL, type CellResult, type OutcomeT } from '../scenarios/index.ts';
import type { MistakeMatrixJsonT } from '../scenarios/mutants/index.ts';
import { levelOf, type Level } from './levels.ts';
import { table, withDelta } from './markdown.ts';

/** What a claim expects a case to end in, as a set of levels. */
export type Prediction = 'crash' | 'visible' | 'silent-or-crash';

const PREDICTED: Readonly<Record<Prediction, (o: OutcomeT) => boolean>> = {
  'crash': (o) => o === 'oops',
  'visible': (o) => (['refused', 'noisy'] as Level[]).includes(levelOf(o)) && o !== 'false-reject',
  'silent-or-crash': (o) => levelOf(o) === 'silent' || o === 'oops',
};

const PREDICTION_WORDS: Readonly<Record<Prediction, string>> = {
  'crash': 'a kernel crash (oops)',
  'visible': 'the mistake is refused or shows at run time',
  'silent-or-crash': 'harm: a crash or silent corruption',
};

export interface OutcomeClaim {
  readonly who: string;
  /** The claim in our words, with the short seed phrase it rests on. */
  readonly claim: string;
  readonly scenarios: readonly string[];
  readonly predicts: Prediction;
  /** Mistake names (scenarios/mistakes.ts) whose rows in the mistake matrix bear on the claim. */
  readonly mistakes?: readonly string[];
}

export interface CounterClaim {
  readonly who: string;
  readonly claim: string;
  /** The correctness scenario whose uninjected run is measured. */
  readonly scenario: string;
  readonly counters: readonly string[];
  /** What to keep in mind when reading the numbers. */
  readonly note: string;
}

export const OUTCOME_CLAIMS: readonly OutcomeClaim[] = [
  {
    who: 'Jason Gunthorpe',
    claim: 'A driver that omits the vm_private_data magic ("a very easy mistake to make") causes "a kernel crash in an obscure scenario".',
    scenarios: ['driver-omits-magic'], predicts: 'crash', mistakes: ['omits-magic'],
  },
  {
    who: 'Jason Gunthorpe',
    claim: 'A mandatory vm_private_data format is easy to get wrong: a driver that stores its own pointer there, or sets the device-memory flag wrongly, does harm.',
    scenarios: ['driver-replaces-private-data', 'driver-wrong-memory-flag'], predicts: 'silent-or-crash',
    mistakes: ['replaces-private-data', 'wrong-memory-flag'],
  },
  {
    who: 'Alex Williamson',
    claim: 'A vma_to_pfn driver op puts the pfn in every driver\'s hands: a wrong base pfn or a missing bounds check does harm.',
    scenarios: ['driver-wrong-base-pfn', 'driver-no-bounds-check'], predicts: 'silent-or-crash',
    mistakes: ['wrong-base-pfn', 'no-bounds-check'],
  },
  {
    who: 'Jason Gunthorpe',
    claim: 'With the driver op, "if (!vfio->vma_to_pfn) return -EINVAL": a driver without the op is refused, not harmful.',
    scenarios: ['driver-missing-vma-to-pfn'], predicts: 'visible',
  },
  {
    who: 'Alex Williamson',
    claim: 'vfio_device_get_from_vma() must decide whether the vma maps device memory and hand out a device reference; that reference is what keeps an unplugged device\'s BAR from being reused under a live IOMMU mapping.',
    scenarios: ['hot-unplug-reassign', 'hot-unplug-deferred', 'foreign-pfnmap-vma'], predicts: 'visible',
  },
];

export const COUNTER_CLAIMS: readonly CounterClaim[] = [
  {
    who: 'Alex Williamson',
    claim: 'Not "thrilled with a vfio_device_ops callback plumbed through vfio-core": the private-data format lets type1 "use the pfn_base field directly", without a call into the driver.',
    scenario: 'bar-map-dma', counters: ['indirectCalls'],
    note: 'The counter counts every call through an ops table on the whole path (the fault handler, vm_ops open/close and the lookup), not only the lookup: a format that wraps the driver\'s vm_ops adds calls elsewhere.',
  },
  {
    who: 'Jason Gunthorpe',
    claim: 'Validating that the vma belongs to vfio before calling the op is "an expensive check".',
    scenario: 'bar-map-dma', counters: ['vmaLookups', 'ptWalks', 'refcountOps', 'allocations'],
    note: 'The check itself is a compare of vma->vm_file against the vfio device files (no extra vma lookup); what the designs add is reference counting on the device and, for some, an allocation per mmap or per map.',
  },
];

/** The mistake-matrix rows for the claim's mistakes: the same mistake run over the whole suite. */
function matrixLines(c: OutcomeClaim, m: MistakeMatrixJsonT | null): string {
  if (!m || !c.mistakes) return '';
  const rows = m.rows.filter((r) => r.obligation !== null && r.mistakeName !== null && c.mistakes?.includes(r.mistakeName));
  if (rows.length === 0) return '';
  return ['The same mistakes made by the driver across the whole suite (section "How hard is it to use wrong?"):',
    table(['design', 'driver', 'obligation (kind)', 'class', 'deciding scenario', 'sign'], rows.map((r) => [
      r.design, r.driver, `${r.obligation ?? ''} (${r.kind ?? ''})`, r.class, r.decidingScenario ?? '-', r.decidingSign ?? '-',
    ]))].join('\n\n');
}

export type ClaimVerdict = 'agrees' | 'partly' | 'contradicts' | 'untestable';

/** The claim's verdict over `cells` (the designs to judge by, and only those), with the cells either way. */
export function claimVerdict(c: OutcomeClaim, cells: readonly CellResult[]): { verdict: ClaimVerdict; agree: CellResult[]; differ: CellResult[] } {
  const scored = cells.filter((x) => c.scenarios.includes(x.scenario) && x.outcome !== 'n/a');
  const agree = scored.filter((x) => PREDICTED[c.predicts](x.outcome));
  const differ = scored.filter((x) => !PREDICTED[c.predicts](x.outcome));
  const verdict = scored.length === 0 ? 'untestable' : differ.length === 0 ? 'agrees' : agree.length === 0 ? 'contradicts' : 'partly';
  return { verdict, agree, differ };
}

/** How a claim's verdict changes with one open choice (computed in reports/variants-model.ts). */
export interface ClaimReadingLine {
  readonly claim: string;
  readonly question: string;
  readonly asPosted: string;
  readonly asPostedVerdict: ClaimVerdict;
  readonly variant: string;
  readonly variantVerdict: ClaimVerdict;
}

function dependsLines(c: OutcomeClaim, deps: readonly ClaimReadingLine[]): string {
  const mine = deps.filter((d) => d.claim === c.claim);
  if (mine.length === 0) return '';
  return ['*The verdict depends on an open choice* (section "What the verdicts rest on"):',
    ...mine.map((d) => `- ${d.question} With \`${d.asPosted}\` as posted: ${d.asPostedVerdict}; with \`${d.variant}\`: ${d.variantVerdict}.`)].join('\n');
}

function outcomeClaim(c: OutcomeClaim, cells: readonly CellResult[], designs: readonly string[], m: MistakeMatrixJsonT | null,
  deps: readonly ClaimReadingLine[]): string {
  const rows = c.scenarios.map((s) => [s, ...designs.map((d) => {
    const x = cells.find((y) => y.scenario === s && y.design === d);
    return x ? `${SYMBOL[x.outcome]} ${x.outcome}` : '';
  })]);
  const { verdict: v, agree, differ } = claimVerdict(c, cells.filter((x) => designs.includes(x.design)));
  const list = (xs: readonly CellResult[]): string => xs.map((x) => `${x.scenario} on ${x.design} (${x.outcome})`).join(', ');
  const verdict = v === 'untestable' ? 'No design can express these cases; the simulation cannot test the claim.'
    : v === 'agrees' ? `**The simulation agrees**: every design that can express the case shows ${PREDICTION_WORDS[c.predicts]}: ${list(agree)}.`
      : v === 'contradicts' ? `**The simulation contradicts the claim**: it predicts ${PREDICTION_WORDS[c.predicts]}, but ${list(differ)}.`
        : `**Partly**: as predicted (${PREDICTION_WORDS[c.predicts]}) for ${list(agree)}; not for ${list(differ)}.`;
  return [`**${c.who}**: ${c.claim}`, table(['scenario', ...designs], rows), verdict, dependsLines(c, deps), matrixLines(c, m)]
    .filter((x) => x !== '').join('\n\n');
}

/** A counter claim's numbers: counter -> design -> value, and the designs with the fewest of the first counter. */
export function measureCounterClaim(c: CounterClaim, cells: readonly CellResult[], designs: readonly string[]): { values: Record<string, Record<string, number>>; fewest: string[] } {
  const of = (d: string): CellResult | undefined => cells.find((y) => y.scenario === c.scenario && y.design === d);
  const values: Record<string, Record<string, number>> = {};
  for (const k of c.counters) {
    const row: Record<string, number> = {};
    for (const d of designs) {
      const v = of(d)?.cost[k as keyof CellResult['cost']];
      if (v !== undefined) row[d] = v;
    }
    values[k] = row;
  }
  const first = Object.entries(values[c.counters[0] ?? ''] ?? {});
  const min = first.reduce((m, [, v]) => Math.min(m, v), Number.POSITIVE_INFINITY);
  return { values, fewest: first.filter(([, v]) => v === min).map(([d]) => d) };
}

function counterClaim(c: CounterClaim, cells: readonly CellResult[], designs: readonly string[]): string {
  const of = (d: string): CellResult | undefined => cells.find((y) => y.scenario === c.scenario && y.design === d);
  const base = of(designs[0] ?? '');
  const rows = c.counters.map((k) => [k, ...designs.map((d) => {
    const v = of(d)?.cost[k as keyof CellResult['cost']];
    const b = base?.cost[k as keyof CellResult['cost']];
    if (v === undefined) return '';
    return b === undefined || d === designs[0] ? String(v) : withDelta(v, b);
  })]);
  const k0 = c.counters[0] ?? '';
  const fewest = measureCounterClaim(c, cells, designs).fewest.join(', ');
  return [
    `**${c.who}**: ${c.claim}`,
    `Exact counters of one \`${c.scenario}\` run (mmap, fault, MAP_DMA, two DMAs, UNMAP_DMA, teardown), delta against \`${designs[0] ?? ''}\`:`,
    table(['counter', ...designs], rows),
    `Fewest \`${k0}\` in this run: ${fewest}. ${c.note}`,
  ].join('\n\n');
}

/** The "seed's claims against the simulation" section body. */
export function renderClaims(cells: readonly CellResult[], designs: readonly string[], matrix: MistakeMatrixJsonT | null = null,
  deps: readonly ClaimReadingLine[] = []): string {
  return [
    'Each claim from the thread, the cases that test it, and what the simulation found. A claim predicts an outcome for every design that can express the case; `n/a` cells are left out of the check.',
    ...OUTCOME_CLAIMS.map((c) => outcomeClaim(c, cells, designs, matrix, deps)),
    ...COUNTER_CLAIMS.map((c) => counterClaim(c, cells, designs)),
  ].join('\n\n');
}

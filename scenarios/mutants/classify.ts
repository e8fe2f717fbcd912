// Classification of one mistaken driver from its scenario-by-scenario differences with
// the correct driver (docs/mistakes.md). Pure: observations in, verdict out.
//   caught-in-normal-use   a correctness scenario shows a new visible sign
//   caught-only-in-corner  no correctness scenario does, another scenario does
//   silent                 nothing new is visible anywhere, but something new is harmed
//   no-effect              nothing new visible or harmed anywhere (changes that only
//                          remove signs, e.g. a false-reject gone, do not count)
import type { CategoryT } from '../schema.ts';
import type { OutcomeT } from '../outcome.ts';
import { SIGN_RANK, isVisible, type Observation, type Sign } from './observe.ts';
import type { MistakeClassT } from './schema.ts';

export interface CellDiff {
  readonly scenario: string;
  readonly category: CategoryT;
  readonly before: Observation;
  readonly after: Observation;
  readonly newVisible: readonly Sign[];
  readonly newHarm: readonly Sign[];
  /** Outcome or any sign differs (in either direction). */
  readonly changed: boolean;
  /** The mistaken step was reached in this scenario. */
  readonly reached: boolean;
}

function byRank(a: Sign, b: Sign): number {
  return SIGN_RANK[b.kind] - SIGN_RANK[a.kind];
}

/**
 * The mistaken run against the correct one in the same scenario. New signs are the
 * mistaken run's signs the correct run lacks, plus "lost refusals": a misuse the
 * correct driver's kernel refused that now ran through without complaint.
 */
export function diffCell(
  scenario: { readonly id: string; readonly category: CategoryT }, before: Observation, after: Observation, obligationKey: string,
): CellDiff {
  const added = [...after.signs.values()].filter((s) => !before.signs.has(s.key));
  const lost: Sign[] = [...before.refusedMisuse].filter((at) => after.ranClean.has(at))
    .map((at) => ({ key: `${at}: lost refusal`, kind: 'lost-refusal', text: `${at}: the misuse a correct driver refused went through` }));
  const removed = [...before.signs.keys()].some((k) => !after.signs.has(k));
  return {
    scenario: scenario.id, category: scenario.category, before, after,
    newVisible: added.filter((s) => isVisible(s.kind)).sort(byRank),
    newHarm: [...added.filter((s) => !isVisible(s.kind)), ...lost].sort(byRank),
    changed: before.outcome !== after.outcome || added.length > 0 || removed || lost.length > 0,
    reached: after.obligationsRun.has(obligationKey),
  };
}

export interface MutantVerdict {
  readonly class: Exclude<MistakeClassT, 'n/a'>;
  readonly deciding: CellDiff | null;
  readonly sign: Sign | null;
  readonly visibleIn: readonly string[];
  readonly harmIn: readonly string[];
  readonly changedIn: readonly string[];
  readonly reachedIn: number;
}

/**
 * The diff whose first (worst) sign ranks highest; at equal rank a correctness scenario
 * (harm in normal use says more), then the earlier scenario.
 */
function decide(diffs: readonly CellDiff[], signs: (d: CellDiff) => readonly Sign[]): { deciding: CellDiff; sign: Sign } | null {
  const score = (d: CellDiff, s: Sign): number => SIGN_RANK[s.kind] * 2 + (d.category === 'correctness' ? 1 : 0);
  let best: { deciding: CellDiff; sign: Sign } | null = null;
  for (const d of diffs) {
    const s = signs(d)[0];
    if (s && (!best || score(d, s) > score(best.deciding, best.sign))) best = { deciding: d, sign: s };
  }
  return best;
}

/** `stated`: the scenario states this very mistake (preferred as a no-effect witness). */
export function classifyMutant(diffs: readonly CellDiff[], stated: (d: CellDiff) => boolean = () => false): MutantVerdict {
  const visible = diffs.filter((d) => d.newVisible.length > 0);
  const normal = visible.filter((d) => d.category === 'correctness');
  const harmed = diffs.filter((d) => d.newHarm.length > 0);
  const common = {
    visibleIn: visible.map((d) => d.scenario), harmIn: harmed.map((d) => d.scenario),
    changedIn: diffs.filter((d) => d.changed).map((d) => d.scenario), reachedIn: diffs.filter((d) => d.reached).length,
  };
  const pick = (cls: MutantVerdict['class'], from: readonly CellDiff[], signs: (d: CellDiff) => readonly Sign[]): MutantVerdict | null => {
    const won = decide(from, signs);
    return won ? { class: cls, ...won, ...common } : null;
  };
  return pick('caught-in-normal-use', normal, (d) => d.newVisible)
    ?? pick('caught-only-in-corner', visible, (d) => d.newVisible)
    ?? pick('silent', harmed, (d) => d.newHarm)
    // no-effect has no deciding sign; its witness is a cell that changed without getting
    // worse, else one where the step ran and nothing changed, the scenario written for
    // this mistake first (none if the step is never reached).
    ?? {
      class: 'no-effect', sign: null, ...common,
      deciding: diffs.find((d) => d.changed) ?? diffs.find((d) => d.reached && stated(d)) ?? diffs.find((d) => d.reached) ?? null,
    };
}

/** "ok → leak" for a diff. */
export function outcomeChange(d: CellDiff): { before: OutcomeT; after: OutcomeT } {
  return { before: d.before.outcome, after: d.after.outcome };
}

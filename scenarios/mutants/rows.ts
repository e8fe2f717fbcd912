// A verdict becomes a matrix row: the deciding scenario, the reproduce command, the
// Rusty rung and a plain note. Also the n/a rows and the per-design scores.
import { designArg } from '../../designs/sources.ts';
import type { CategoryT } from '../schema.ts';
import { outcomeChange, type CellDiff, type MutantVerdict } from './classify.ts';
import type { Inexpressible, Mutant } from './generate.ts';
import { RUSTY } from './rusty.ts';
import type { DesignScoreJsonT, MistakeRowJsonT } from './schema.ts';

const seedFlag = (seed: number): string => (seed === 1 ? '' : ` --seed ${seed}`);

/** `arena mistakes` narrowed to one mutant (and one scenario). */
export function mistakesReproCommand(m: Mutant, seed: number, scenario?: string): string {
  const o = m.obligation;
  return `npx arena mistakes --design ${designArg(m.designName)} --driver ${o.driver} --obligation ${o.id} --kind ${m.kind}` +
    `${scenario ? ` --scenario ${scenario}` : ''}${seedFlag(seed)}`;
}

/** `arena run` of a scenario that states this very mistake, when it shows the same outcome. */
export function runReproCommand(scenario: string, design: string, seed: number): string {
  return `npx arena run ${scenario} --design ${designArg(design)}${seedFlag(seed)}`;
}

function list(ids: readonly string[], max = 3): string {
  return ids.length <= max ? ids.join(', ') : `${ids.slice(0, max).join(', ')} (+${ids.length - max} more)`;
}

function noteOf(v: MutantVerdict, diffs: readonly CellDiff[]): string {
  const inCat = (c: CategoryT, ids: readonly string[]): string[] => diffs.filter((d) => d.category === c && ids.includes(d.scenario)).map((d) => d.scenario);
  const correctness = diffs.filter((d) => d.category === 'correctness').length;
  switch (v.class) {
    case 'caught-in-normal-use':
      return `${inCat('correctness', v.visibleIn).length} of ${correctness} correctness scenario(s) show it; ${v.visibleIn.length} scenario(s) in all`;
    case 'caught-only-in-corner': {
      const harmed = inCat('correctness', v.harmIn);
      return harmed.length > 0
        ? `visible only outside normal use (${list(v.visibleIn)}); correctness scenarios are harmed silently: ${list(harmed)}`
        : `every correctness scenario passes; visible only in ${list(v.visibleIn)}`;
    }
    case 'silent':
      return `nothing new is visible anywhere; silent harm in ${v.harmIn.length} scenario(s): ${list(v.harmIn)}`;
    case 'no-effect': {
      if (v.reachedIn === 0) return 'no scenario reaches this step: the suite cannot exercise the obligation (a scenario is missing)';
      const changed = diffs.filter((d) => d.changed).map((d) => `${d.scenario}: ${d.before.outcome} → ${d.after.outcome}`);
      return changed.length > 0
        ? `the step ran in ${v.reachedIn} scenario(s); cells changed without getting worse (${list(changed)}): what the obligation protects is not measured by these scenarios`
        : `the step ran in ${v.reachedIn} scenario(s) and nothing changed: as far as these scenarios can tell the obligation is unnecessary`;
    }
  }
}

export function mutantRow(m: Mutant, v: MutantVerdict, diffs: readonly CellDiff[], reproduce: string): MistakeRowJsonT {
  const d = v.deciding;
  return {
    design: m.designName, driver: m.obligation.driver, obligation: m.obligation.id, kind: m.kind, what: m.obligation.what,
    mistakeName: m.mistakeName, class: v.class, rusty: RUSTY[v.class],
    decidingScenario: d?.scenario ?? null, decidingCategory: d?.category ?? null,
    decidingOutcome: d ? outcomeChange(d) : null, decidingSign: v.sign?.text ?? null, reproduce,
    visibleIn: [...v.visibleIn], harmIn: [...v.harmIn], changedIn: [...v.changedIn], reachedIn: v.reachedIn,
    note: noteOf(v, diffs),
  };
}

export function naRow(n: Inexpressible): MistakeRowJsonT {
  return {
    design: n.designName, driver: n.driver, obligation: null, kind: null, what: n.what, mistakeName: n.mistakeName,
    class: 'n/a', rusty: RUSTY['n/a'], decidingScenario: null, decidingCategory: null, decidingOutcome: null,
    decidingSign: null, reproduce: null, visibleIn: [], harmIn: [], changedIn: [], reachedIn: 0,
    note: `no ${n.driver} obligation of this design carries "${n.mistakeName}": a driver cannot make this mistake here`,
  };
}

export function scoreOf(design: string, rows: readonly MistakeRowJsonT[]): DesignScoreJsonT {
  const mine = rows.filter((r) => r.design === design);
  const count = (c: MistakeRowJsonT['class']): number => mine.filter((r) => r.class === c).length;
  const mistakes = mine.length - count('n/a');
  const levels = mine.filter((r) => r.class !== 'n/a').flatMap((r) => (r.rusty.level === null ? [] : [r.rusty.level]));
  const caught = count('caught-in-normal-use');
  return {
    design, mistakes, caughtInNormalUse: caught, share: mistakes === 0 ? null : caught / mistakes,
    caughtOnlyInCorner: count('caught-only-in-corner'), silent: count('silent'), noEffect: count('no-effect'),
    notExpressible: count('n/a'), lowestRung: levels.length === 0 ? null : Math.min(...levels),
  };
}

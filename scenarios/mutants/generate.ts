// Mistaken drivers, built from the obligation data alone: for each obligation a design
// declares and each mistake kind it lists, one DriverMistake the ObligationRunner
// applies from the start of a run (core/vfio/obligations.ts). Nothing here is written
// per design or per cell. The named mistakes (scenarios/mistakes.ts) a design has no
// obligation for are the n/a rows.
import type { Design, DriverMistake, MistakeKind, Obligation } from '../../core/index.ts';
import { DRIVERS } from '../../designs/obligations.ts';
import { DESIGN_NAMES, getDesign } from '../../designs/registry.ts';
import { MISTAKES, MISTAKE_NAMES, type MistakeName } from '../mistakes.ts';
import type { DesignRef } from '../runner.ts';

const KIND_ORDER: readonly MistakeKind[] = ['omit', 'wrong-value'];

export interface MutantFilter {
  readonly driver?: string;
  readonly obligation?: string;
  readonly kind?: MistakeKind;
}

/** One mistaken driver: the design it runs under and the mistake in force. */
export interface Mutant {
  readonly design: DesignRef;
  readonly designName: string;
  readonly obligation: Obligation;
  readonly kind: MistakeKind;
  readonly mistake: DriverMistake;
  /** The scenario vocabulary's name for it (Obligation.mistakeNames), or null. */
  readonly mistakeName: string | null;
}

/** A named mistake a design cannot express for a driver. */
export interface Inexpressible {
  readonly designName: string;
  readonly driver: string;
  readonly mistakeName: MistakeName;
  readonly what: string;
}

export function resolveDesign(d: DesignRef): Design {
  return typeof d === 'string' ? getDesign(d) : d;
}

/** "design/driver/obligation/kind": the key of a mutant in the baseline and on the command line. */
export function mutantKey(m: { readonly design: string; readonly driver: string; readonly obligation: string; readonly kind: string }): string {
  return `${m.design}/${m.driver}/${m.obligation}/${m.kind}`;
}

/**
 * Bus drivers in a stable order: designs/obligations.ts DRIVERS first, then any other
 * driver an obligation names. Only drivers some design puts an obligation on.
 */
export function obligatedDrivers(designs: readonly DesignRef[] = DESIGN_NAMES): string[] {
  const named = new Set([...DESIGN_NAMES, ...designs].flatMap((d) => resolveDesign(d).obligations.map((o) => o.driver)));
  const known: readonly string[] = DRIVERS;
  return [...known.filter((d) => named.has(d)), ...[...named].filter((d) => !known.includes(d)).sort()];
}

function driverRank(drivers: readonly string[], d: string): number {
  const i = drivers.indexOf(d);
  return i < 0 ? drivers.length : i;
}

/**
 * One mutant per (obligation, declared kind), designs in the order given, then driver
 * order, then the obligations' declaration order, omit before wrong-value.
 */
export function generateMutants(designs: readonly DesignRef[], filter: MutantFilter = {}): Mutant[] {
  const drivers = obligatedDrivers(designs);
  return designs.flatMap((ref) => {
    const design = resolveDesign(ref);
    const obs = design.obligations
      .map((o, i) => ({ o, i }))
      .filter(({ o }) => (filter.driver === undefined || o.driver === filter.driver) && (filter.obligation === undefined || o.id === filter.obligation))
      .sort((a, b) => driverRank(drivers, a.o.driver) - driverRank(drivers, b.o.driver) || a.i - b.i);
    return obs.flatMap(({ o }) => KIND_ORDER
      .filter((kind) => o.kinds.includes(kind) && (filter.kind === undefined || filter.kind === kind))
      .map((kind): Mutant => ({
        design: ref, designName: design.name, obligation: o, kind,
        mistake: { driver: o.driver, obligation: o.id, kind },
        mistakeName: o.mistakeNames?.[kind] ?? null,
      })));
  });
}

/** Every (design, driver, mistake name) that no obligation of that driver in that design carries. */
export function inexpressibleMistakes(designs: readonly DesignRef[], filter: Pick<MutantFilter, 'driver'> = {}): Inexpressible[] {
  const drivers = obligatedDrivers(designs).filter((d) => filter.driver === undefined || d === filter.driver);
  return designs.flatMap((ref) => {
    const design = resolveDesign(ref);
    return drivers.flatMap((driver) => {
      const names = new Set(design.obligations.filter((o) => o.driver === driver).flatMap((o) => Object.values(o.mistakeNames ?? {})));
      return MISTAKE_NAMES.filter((n) => !names.has(n)).map((mistakeName) => ({ designName: design.name, driver, mistakeName, what: MISTAKES[mistakeName] }));
    });
  });
}

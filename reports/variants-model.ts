// What the verdicts rest on, computed from the cells: for every variant, the cells whose
// outcome differs from the as-posted design it changes, and every seed claim whose
// verdict differs when the variant takes that design's place. Rows are grouped by the
// variant's data (VariantOf) only; nothing here knows a design by name.
import type { Design } from '../core/index.ts';
import { getDesign } from '../designs/registry.ts';
import type { CellResult, DesignRef, ScenarioT } from '../scenarios/index.ts';
import { OUTCOME_CLAIMS, claimVerdict } from './claims.ts';
import type { ChoicePairT, ChoiceT, ClaimReadingT } from './variants-schema.ts';

function resolve(ref: DesignRef): Design {
  return typeof ref === 'string' ? getDesign(ref) : ref;
}

/** The designs that are no one's variant: the rows of the summary and the matrix. */
export function asPostedDesigns(designs: readonly DesignRef[]): Design[] {
  return designs.map(resolve).filter((d) => d.variant === undefined);
}

/** Variants whose base design ran too, in run order. */
function comparableVariants(designs: readonly Design[]): Design[] {
  const names = new Set(designs.map((d) => d.name));
  return designs.filter((d) => d.variant !== undefined && names.has(d.variant.of));
}

function pairOf(v: Design, asPostedReading: string, cells: readonly CellResult[], scenarios: readonly ScenarioT[]): ChoicePairT {
  const of = v.variant?.of ?? '';
  const base = cells.filter((c) => c.design === of);
  const mine = new Map(cells.filter((c) => c.design === v.name).map((c) => [c.scenario, c]));
  const category = new Map(scenarios.map((s) => [s.id, s.category]));
  const moved = base.flatMap((b) => {
    const m = mine.get(b.scenario);
    const cat = category.get(b.scenario);
    if (!m || m.outcome === b.outcome || cat === undefined) return [];
    return [{
      scenario: b.scenario, category: cat, asPosted: b.outcome, asPostedSummary: b.evidence.summary,
      variant: m.outcome, variantSummary: m.evidence.summary,
    }];
  });
  return {
    asPosted: of, asPostedReading, variant: v.name, variantReading: v.variant?.reading ?? '',
    source: v.variant?.source ?? '', moved: moved.sort((a, b) => (a.scenario < b.scenario ? -1 : a.scenario > b.scenario ? 1 : 0)),
  };
}

/** Per question (in the order variants first name it), each variant against its base. */
export function buildChoices(designs: readonly DesignRef[], cells: readonly CellResult[], scenarios: readonly ScenarioT[]): ChoiceT[] {
  const all = designs.map(resolve);
  const byName = new Map(all.map((d) => [d.name, d]));
  const out = new Map<string, ChoicePairT[]>();
  for (const v of comparableVariants(all)) {
    const q = v.variant?.question ?? '';
    const reading = byName.get(v.variant?.of ?? '')?.readings?.[q] ?? '';
    out.set(q, [...(out.get(q) ?? []), pairOf(v, reading, cells, scenarios)]);
  }
  return [...out].map(([question, pairs]) => ({ question, pairs }));
}

/** Seed claims whose verdict changes when one variant stands in for the design it changes. */
export function buildClaimReadings(designs: readonly DesignRef[], cells: readonly CellResult[]): ClaimReadingT[] {
  const all = designs.map(resolve);
  const posted = new Set(asPostedDesigns(designs).map((d) => d.name));
  const postedCells = cells.filter((c) => posted.has(c.design));
  const out: ClaimReadingT[] = [];
  for (const v of comparableVariants(all)) {
    const of = v.variant?.of ?? '';
    if (!posted.has(of)) continue;
    const swapped = [...postedCells.filter((c) => c.design !== of), ...cells.filter((c) => c.design === v.name)];
    for (const c of OUTCOME_CLAIMS) {
      const before = claimVerdict(c, postedCells).verdict;
      const after = claimVerdict(c, swapped).verdict;
      if (before === after) continue;
      out.push({ claim: c.claim, question: v.variant?.question ?? '', asPosted: of, asPostedVerdict: before, variant: v.name, variantVerdict: after });
    }
  }
  return out;
}

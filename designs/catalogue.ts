// The catalogue behind `arena designs`: every registered design and variant with the
// open questions it answers, the reading it takes and where that reading comes from.
import type { Design, KernelParams } from '../core/index.ts';
import { sourceOf } from './questions.ts';
import { DESIGN_NAMES, getDesign } from './registry.ts';

export interface CatalogueReading {
  readonly question: string;
  readonly reading: string;
  /** Where the reading comes from (seed line or kernel source); "" if the questions table has none. */
  readonly source: string;
  /** True for the question this variant answers differently from the design it modifies. */
  readonly changed: boolean;
}

export interface CatalogueRow {
  readonly name: string;
  readonly title: string;
  readonly origin: string;
  /** The as-posted design a variant changes, or null for an as-posted design. */
  readonly of: string | null;
  /** The question a variant answers first, then the design's readings of every other question. */
  readonly readings: readonly CatalogueReading[];
  readonly params: KernelParams;
}

/** The registered designs when none are given. */
export function designCatalogue(designs: readonly Design[] = DESIGN_NAMES.map(getDesign)): CatalogueRow[] {
  return designs.map((d) => {
    const name = d.name;
    const own: CatalogueReading[] = d.variant
      ? [{ question: d.variant.question, reading: d.variant.reading, source: d.variant.source, changed: true }] : [];
    const rest = Object.entries(d.readings ?? {})
      .map(([question, reading]) => ({ question, reading, source: sourceOf(question, reading) ?? '', changed: false }));
    return { name, title: d.title, origin: d.origin, of: d.variant?.of ?? null, readings: [...own, ...rest], params: d.params ?? {} };
  });
}

/** The catalogue as text: one block per design, variants marked with what they change. */
export function formatCatalogue(rows: readonly CatalogueRow[]): string {
  return rows.map((r) => {
    const head = r.of === null ? `${r.name}: ${r.title} (as posted)` : `${r.name}: variant of ${r.of}`;
    const params = Object.entries(r.params).map(([k, v]) => `${k}=${String(v)}`);
    return [
      head,
      ...r.readings.map((x) => `  ${x.changed ? '*' : '-'} ${x.question}\n      ${x.reading}${x.source ? `\n      source: ${x.source}` : ''}`),
      ...(params.length > 0 ? [`  kernel parameters: ${params.join(', ')}`] : []),
    ].join('\n');
  }).join('\n\n');
}

// The verdict table: one row per design (variants in a table of their own), at most
// eight columns, so it fits a 1280 px page. md, txt and html take the same columns.
import type { OutcomeT } from '../scenarios/index.ts';
import { SYMBOL } from '../scenarios/index.ts';
import type { ComparisonJsonT, DesignSummaryT } from './schema.ts';

export interface VerdictColumn {
  /** Markdown and html heading. */
  readonly head: string;
  /** Plain-text heading, at most 6 ASCII characters. */
  readonly short: string;
  /** What the column counts, for the plain-text key. */
  readonly meaning: string;
  readonly value: (d: DesignSummaryT) => string;
  /** A non-zero value is harm (shown bold in markdown, red in html). */
  readonly harm: boolean;
}

const count = (outcomes: readonly OutcomeT[]) => (d: DesignSummaryT): string => String(outcomes.reduce((n, o) => n + d.counts[o], 0));
const marks = (outcomes: readonly OutcomeT[]): string => outcomes.map((o) => SYMBOL[o]).join('');

export const VERDICT_COLUMNS: readonly VerdictColumn[] = [
  {
    head: 'caught', short: 'caught', harm: false,
    meaning: 'misuse cells that ended ok, rejected, warn or false-reject, of those scored',
    value: (d) => (d.misuseDetectionRate === null ? '-' : `${d.misuseDetected}/${d.misuseScored}`),
  },
  { head: `${marks(['stale-dma'])} stale DMA`, short: 'stale', harm: true, meaning: 'cells where DMA reached memory the mapping no longer owned', value: count(['stale-dma']) },
  { head: `${marks(['uaf', 'oops'])} uaf, oops`, short: 'crash', harm: true, meaning: 'cells with a use after free or a kernel crash', value: count(['uaf', 'oops']) },
  { head: `${marks(['leak'])} leak`, short: 'leak', harm: true, meaning: 'cells whose teardown left a reference or pin behind', value: count(['leak']) },
  { head: `${marks(['warn'])} late`, short: 'late', harm: true, meaning: 'cells where harm was caught only at run time (WARN, Unsupported Request)', value: count(['warn']) },
  { head: `${marks(['false-reject'])} refused`, short: 'refuse', harm: true, meaning: 'cells where legitimate use was refused', value: count(['false-reject']) },
  { head: 'blocked', short: 'block', harm: false, meaning: 'hot-unplug requests that had to wait for user space', value: (d) => String(d.blockedRemovals) },
];

/** Designs as posted (and the later kernel), then the variants, each in registry order. */
export function splitVariants(j: ComparisonJsonT): { designs: DesignSummaryT[]; variants: DesignSummaryT[] } {
  return { designs: j.designs.filter((d) => !d.variant), variants: j.designs.filter((d) => d.variant) };
}

/**
 * "of private-data: type1 checks the magic" for a variant row: its title past the as-posted
 * design's title (the short label of its reading), else the reading itself.
 */
export function variantNote(d: DesignSummaryT, j: ComparisonJsonT): string {
  if (!d.variant) return '';
  const base = j.designs.find((b) => b.design === d.variant?.of)?.title;
  const short = base !== undefined && d.title.startsWith(`${base}; `) ? d.title.slice(base.length + 2) : d.variant.reading;
  return `of ${d.variant.of}: ${short}`;
}

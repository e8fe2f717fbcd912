// Designs as workers receive them: by registered name. A Design object that is not the
// registered one of its name (a test's weakened copy) cannot cross a thread boundary,
// so work that names one runs in the calling thread instead.
import { getDesign, isDesignName } from '../../designs/registry.ts';
import type { DesignRef } from '../runner.ts';

export function wireDesign(d: DesignRef): string | null {
  if (typeof d === 'string') return d;
  return isDesignName(d.name) && getDesign(d.name) === d ? d.name : null;
}

/** Every design's wire name, or null when one of them has none. */
export function wireDesigns(ds: readonly DesignRef[]): string[] | null {
  const out: string[] = [];
  for (const d of ds) {
    const w = wireDesign(d);
    if (w === null) return null;
    out.push(w);
  }
  return out;
}

// The static data of a design loaded from outside the tree, checked with zod before it
// runs: a kebab-case name, the strings a report prints, well-formed obligations, and an
// install function. A built-in design is checked by the same schema in its tests.
import { z } from 'zod';
import { BASE_DRIVER_OBLIGATIONS, type Design } from '../core/index.ts';

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const text = z.string().trim().min(1, 'must be a non-empty string');
const kind = z.enum(['omit', 'wrong-value']);

const Obligation = z.object({
  id: z.string().regex(KEBAB, 'must be kebab-case, e.g. "fill-base-pfn"'),
  driver: text,
  what: text,
  kinds: z.array(kind).min(1, 'must name at least one mistake kind'),
  mistakeNames: z.partialRecord(kind, z.string().regex(KEBAB, 'must be kebab-case')).optional(),
}).superRefine((o, ctx) => {
  for (const k of Object.keys(o.mistakeNames ?? {})) {
    if (!o.kinds.includes(k as z.infer<typeof kind>)) ctx.addIssue({ code: 'custom', path: ['mistakeNames', k], message: `names a mistake of kind "${k}", which kinds does not list` });
  }
});

const VariantOf = z.object({ of: text, question: text, reading: text, source: text });

export const DesignSchema = z.object({
  name: z.string().regex(KEBAB, 'must be kebab-case, e.g. "my-idea"'),
  title: text,
  origin: text,
  summary: text,
  obligations: z.array(Obligation),
  variant: VariantOf.optional(),
  readings: z.record(z.string(), z.string()).optional(),
  install: z.custom<Design['install']>((v) => typeof v === 'function', 'must be a function (k: Kernel) => DesignPatch'),
}).superRefine((d, ctx) => {
  for (const b of BASE_DRIVER_OBLIGATIONS) {
    if (!d.obligations.some((o) => o.driver === b.driver && o.id === b.id)) {
      ctx.addIssue({ code: 'custom', path: ['obligations'], message: `must include BASE_DRIVER_OBLIGATIONS (${b.driver} ${b.id}): the bus drivers' own steps run under every design` });
    }
  }
  const seen = new Set<string>();
  d.obligations.forEach((o, i) => {
    const key = `${o.driver}/${o.id}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['obligations', i, 'id'], message: `"${o.id}" is declared twice for driver ${o.driver}` });
    seen.add(key);
  });
});

/** The first problem with `v` as a Design ("name: must be kebab-case"), or null when it is one. */
export function designProblem(v: unknown): string | null {
  const r = DesignSchema.safeParse(v);
  if (r.success) return null;
  const issue = r.error.issues[0];
  if (!issue) return 'is not a Design';
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}

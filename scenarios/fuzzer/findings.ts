// findings.json: what `arena fuzz --out dir` leaves next to its reproducers, so shards
// run on many machines can be merged (reports/fuzz-section.ts). No timings in it: the
// same campaign writes the same bytes.
import { z } from 'zod';
import { Outcome } from '../outcome.ts';

export const FINDINGS_FILE = 'findings.json';
export const FINDINGS_VERSION = 1;

export const FindingJson = z.object({
  /** The reproducer's scenario id; its file is `<id>.yaml` next to findings.json. */
  id: z.string(),
  mode: z.enum(['single', 'diff']),
  key: z.string(),
  group: z.string(),
  kind: z.string(),
  at: z.string(),
  designs: z.array(z.string()),
  /** Every fuzzed design's outcome on the shrunk reproducer. */
  outcomes: z.record(z.string(), Outcome),
  summary: z.string(),
  seed: z.number().int(),
  index: z.number().int().nonnegative(),
  /** "<sequence index>:<fast-check counterexamplePath>". */
  path: z.string(),
  steps: z.number().int().positive(),
  shrunkFrom: z.number().int().positive(),
  /** Sequences of this shard that showed the same key. */
  count: z.number().int().positive(),
  replay: z.string(),
}).strict();
export type FindingJsonT = z.infer<typeof FindingJson>;

export const FindingsJson = z.object({
  version: z.literal(FINDINGS_VERSION),
  seed: z.number().int(),
  runs: z.number().int().nonnegative(),
  maxSteps: z.number().int().positive(),
  shard: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }).strict(),
  mode: z.enum(['single', 'diff']),
  designs: z.array(z.string()),
  /** Sequences this shard ran. */
  sequences: z.number().int().nonnegative(),
  /** The first sequence that broke an invariant, in this shard's order. */
  firstFailure: z.object({ index: z.number().int().nonnegative(), key: z.string() }).strict().nullable(),
  findings: z.array(FindingJson),
}).strict();
export type FindingsJsonT = z.infer<typeof FindingsJson>;

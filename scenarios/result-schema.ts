// The JSON form of cell results (`arena run --format json`, and what reports and the
// gate read back): `{ version, seed, results: [{ scenario, design, outcome, evidence, ... }] }`.
// Bump RESULTS_VERSION when a field changes meaning or goes away.
import { z } from 'zod';
import { Outcome } from './outcome.ts';
import type { CellResult } from './runner.ts';

export const RESULTS_VERSION = 1;

const StepRef = z.object({ index: z.number().int(), inner: z.number().int().nonnegative().optional(), kind: z.string() }).strict();

export const EvidenceJson = z.object({
  summary: z.string().min(1),
  step: StepRef.optional(),
  errno: z.string().optional(),
  dmesg: z.array(z.string()).optional(),
  dma: z.object({
    device: z.string(), iova: z.string(), write: z.boolean(), result: z.string(), pfn: z.string().optional(),
    reached: z.string(), intended: z.string().optional(), staleReason: z.string().optional(),
  }).strict().optional(),
  audit: z.array(z.string()).optional(),
  failPoint: z.string().optional(),
  /** Hot-unplugs that had to wait for users: the step, the device, what the wait cost. */
  removals: z.array(z.object({
    step: StepRef, device: z.string(), requests: z.number().int().nonnegative(), waitedUs: z.number().int().nonnegative(),
    signalled: z.boolean(), completed: z.boolean(),
  }).strict()).optional(),
}).strict();

export const CellJson = z.object({
  scenario: z.string().min(1),
  design: z.string().min(1),
  outcome: Outcome,
  evidence: EvidenceJson,
  /** Side costs that are not outcomes. */
  costs: z.object({ blockedRemovals: z.number().int().nonnegative(), iommuFaults: z.number().int().nonnegative() }).strict(),
  /** Exact cost counters (k.cost) of the run without fault injection. */
  cost: z.record(z.string(), z.number().int()),
  obligationsRun: z.array(z.string()),
  sweep: z.object({
    points: z.number().int().nonnegative(),
    truncated: z.boolean(),
    decidingNth: z.number().int().nonnegative(),
    runs: z.array(z.object({ nth: z.number().int().positive(), point: z.string(), outcome: Outcome, summary: z.string() }).strict()),
  }).strict().optional(),
}).strict();

export const ResultsJson = z.object({
  version: z.literal(RESULTS_VERSION),
  seed: z.number().int(),
  results: z.array(CellJson),
}).strict();

export type CellJsonT = z.infer<typeof CellJson>;
export type ResultsJsonT = z.infer<typeof ResultsJson>;

/** The JSON document for these cells, checked against the schema on the way out. */
export function toResultsJson(cells: readonly CellResult[], seed: number): ResultsJsonT {
  return ResultsJson.parse({
    version: RESULTS_VERSION,
    seed,
    results: cells.map((c) => ({
      scenario: c.scenario, design: c.design, outcome: c.outcome, evidence: c.evidence, costs: c.costs,
      cost: { ...c.cost }, obligationsRun: [...c.obligationsRun], ...(c.sweep ? { sweep: c.sweep } : {}),
    })),
  });
}

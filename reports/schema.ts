// The JSON form of the comparison (reports/comparison.json). Versioned; validated on the
// way out and whenever it is read back. Bump COMPARISON_VERSION when a field changes
// meaning or goes away.
import { z } from 'zod';
import { Category, Outcome } from '../scenarios/index.ts';
import { MistakeMatrixJson } from '../scenarios/mutants/index.ts';
import { LEVELS } from './levels.ts';
import { ChoiceJson, ClaimReadingJson, VariantJson } from './variants-schema.ts';

// 2: the claims check and the fuzz section are in the JSON too (they were markdown only).
export const COMPARISON_VERSION = 2;

export const ProvenanceJson = z.object({
  package: z.string(), version: z.string(), node: z.string(), seed: z.number().int(),
  inputsDigest: z.string(), commit: z.string().nullable(), timestamp: z.string().optional(),
}).strict();

const Counts = z.record(Outcome, z.number().int().nonnegative());

export const DesignSummaryJson = z.object({
  design: z.string(),
  title: z.string(),
  /** Set on a variant: the design it changes, the question, its reading and that reading's source. */
  variant: VariantJson.optional(),
  counts: Counts,
  /** Misuse cells (every category but correctness) that are not n/a. */
  misuseScored: z.number().int().nonnegative(),
  /** Of those, how many ended ok, rejected, warn or false-reject: harm prevented or reported. */
  misuseDetected: z.number().int().nonnegative(),
  /** misuseDetected / misuseScored, rounded to 3 places; null when nothing was scored. */
  misuseDetectionRate: z.number().min(0).max(1).nullable(),
  /** stale-dma + uaf + leak over every cell. */
  silentFailures: z.number().int().nonnegative(),
  crashes: z.number().int().nonnegative(),
  falseRejects: z.number().int().nonnegative(),
  /** Side costs summed over every cell. */
  blockedRemovals: z.number().int().nonnegative(),
  iommuFaults: z.number().int().nonnegative(),
  /** Exact cost counters summed over the correctness cells (the normal path), counter -> total. */
  normalPathCost: z.record(z.string(), z.number().int().nonnegative()),
  obligations: z.array(z.object({ driver: z.string(), count: z.number().int().nonnegative(), ids: z.array(z.string()), driverLines: z.number().int().nonnegative() }).strict()),
  levels: z.record(z.enum(LEVELS), z.number().int().nonnegative()),
}).strict();

export const CellSummaryJson = z.object({
  design: z.string(),
  outcome: Outcome,
  level: z.enum(LEVELS).nullable(),
  summary: z.string(),
  /** The deciding evidence lines: first splat line, DMA record, errno, audit line, waiting removals. */
  evidence: z.array(z.string()),
  /** Hot-unplugs of this cell that had to wait for users (the summary's column, per cell). */
  blockedRemovals: z.number().int().nonnegative().optional(),
  reproduce: z.string(),
  /** The cell's full trace, line by line, exactly as `reproduce` (arena explain) prints it. */
  trace: z.array(z.string()),
}).strict();

export const ScenarioSummaryJson = z.object({
  id: z.string(), title: z.string(), category: Category, origin: z.string(), description: z.string(),
  cells: z.array(CellSummaryJson),
}).strict();

const JudgedCellJson = z.object({ scenario: z.string(), design: z.string(), outcome: Outcome }).strict();

/** The seed thread's claims (reports/claims.ts) with what the cells say about each. */
export const ClaimsJson = z.object({
  outcome: z.array(z.object({
    who: z.string(), claim: z.string(), scenarios: z.array(z.string()), predicts: z.enum(['crash', 'visible', 'silent-or-crash']),
    verdict: z.enum(['agrees', 'partly', 'contradicts', 'untestable']), agree: z.array(JudgedCellJson), differ: z.array(JudgedCellJson),
  }).strict()),
  counter: z.array(z.object({
    who: z.string(), claim: z.string(), scenario: z.string(),
    /** counter -> design -> value of one run of the scenario. */
    values: z.record(z.string(), z.record(z.string(), z.number().int().nonnegative())),
    /** The designs with the fewest of the first counter. */
    fewest: z.array(z.string()),
  }).strict()),
}).strict();

/** "Found by fuzzing": the committed reproducers run now, and the merged shards of `report --merge`. */
export const FuzzSectionJson = z.object({
  reproducers: z.array(z.object({
    id: z.string(), title: z.string(), foundBy: z.string(), steps: z.number().int().positive(), outcomes: z.record(z.string(), Outcome),
  }).strict()),
  merged: z.object({
    sequences: z.number().int().nonnegative(),
    sources: z.array(z.object({ dir: z.string(), seed: z.number().int(), shard: z.string(), sequences: z.number().int().nonnegative() }).strict()),
    findings: z.array(z.object({
      key: z.string(), group: z.string(), count: z.number().int().positive(), steps: z.number().int().positive(), summary: z.string(), reproducer: z.string(),
    }).strict()),
  }).strict().optional(),
}).strict();

export const ComparisonJson = z.object({
  version: z.literal(COMPARISON_VERSION),
  provenance: ProvenanceJson,
  designs: z.array(DesignSummaryJson),
  scenarios: z.array(ScenarioSummaryJson),
  /** What the verdicts rest on: every variant against the as-posted design it changes (reports/variants-model.ts). */
  choices: z.array(ChoiceJson).default([]),
  /** Seed claims whose verdict changes with a reading. */
  claimReadings: z.array(ClaimReadingJson).default([]),
  /** The driver-mistake matrix (absent when the report was built without it). */
  mistakes: MistakeMatrixJson.optional(),
  claims: ClaimsJson.optional(),
  /** Absent when the report was built without the fuzz section. */
  fuzz: FuzzSectionJson.optional(),
}).strict();

export type ComparisonJsonT = z.infer<typeof ComparisonJson>;
export type DesignSummaryT = z.infer<typeof DesignSummaryJson>;
export type ScenarioSummaryT = z.infer<typeof ScenarioSummaryJson>;
export type CellSummaryT = z.infer<typeof CellSummaryJson>;

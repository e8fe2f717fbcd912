// The mistake matrix as data (issue 9): one row per generated mistaken driver and one per
// named mistake a design cannot express, with per-design scores. The zod schema is the
// one source of the types; `arena mistakes --format json`, the report and the gate's
// baseline all read this shape. Rules: docs/mistakes.md.
import { z } from 'zod';
import { Category } from '../schema.ts';
import { Outcome } from '../outcome.ts';

export const MISTAKES_VERSION = 1;

/**
 * How visible a driver mistake is, best first. `no-effect`: no scenario got worse;
 * `n/a`: the design has no step where the mistake could be made (not a mutant).
 */
export const MistakeClass = z.enum(['caught-in-normal-use', 'caught-only-in-corner', 'silent', 'no-effect', 'n/a']);
export type MistakeClassT = z.infer<typeof MistakeClass>;
export const MISTAKE_CLASSES: readonly MistakeClassT[] = MistakeClass.options;

export const MistakeKindJson = z.enum(['omit', 'wrong-value']);

/** A rung of Rusty Russell's "hard to misuse" scale; level null when no rung fits. */
export const RustyRung = z.object({ level: z.number().int().min(-10).max(10).nullable(), words: z.string().min(1) }).strict();
export type RustyRungT = z.infer<typeof RustyRung>;

export const MistakeRowJson = z.object({
  design: z.string().min(1),
  driver: z.string().min(1),
  /** null on an n/a row (no obligation carries the mistake). */
  obligation: z.string().nullable(),
  kind: MistakeKindJson.nullable(),
  /** The obligation's `what`, or the mistake vocabulary's line for an n/a row. */
  what: z.string().min(1),
  /** The scenario vocabulary's name for this mistake (scenarios/mistakes.ts), if any. */
  mistakeName: z.string().nullable(),
  class: MistakeClass,
  rusty: RustyRung,
  /**
   * The scenario whose change decided the class. For no-effect a witness (a cell that
   * changed without getting worse, else one where the step ran); null when the step is
   * never reached, and for n/a.
   */
  decidingScenario: z.string().nullable(),
  decidingCategory: Category.nullable(),
  /** The deciding scenario's cell outcome with the correct driver -> with the mistaken one. */
  decidingOutcome: z.object({ before: Outcome, after: Outcome }).strict().nullable(),
  /** The new sign (visible or harmful) in that cell that decided it. */
  decidingSign: z.string().nullable(),
  /** A shell command that shows it; null for n/a. */
  reproduce: z.string().nullable(),
  /** Scenarios where the mistake added a visible sign / a silent harm. */
  visibleIn: z.array(z.string()),
  harmIn: z.array(z.string()),
  /** Scenarios whose cell differs at all from the correct driver's. */
  changedIn: z.array(z.string()),
  /** Scenarios in which the driver reached the obligation's step (with the mistake in force). */
  reachedIn: z.number().int().nonnegative(),
  note: z.string(),
}).strict();
export type MistakeRowJsonT = z.infer<typeof MistakeRowJson>;

export const DesignScoreJson = z.object({
  design: z.string().min(1),
  /** Mistaken drivers generated for the design (n/a rows not counted). */
  mistakes: z.number().int().nonnegative(),
  caughtInNormalUse: z.number().int().nonnegative(),
  /** caughtInNormalUse / mistakes; null when the design has no mistakes to make. */
  share: z.number().min(0).max(1).nullable(),
  caughtOnlyInCorner: z.number().int().nonnegative(),
  silent: z.number().int().nonnegative(),
  noEffect: z.number().int().nonnegative(),
  notExpressible: z.number().int().nonnegative(),
  /** The lowest Rusty level among its mistakes (no-effect and n/a not counted). */
  lowestRung: z.number().int().nullable(),
}).strict();
export type DesignScoreJsonT = z.infer<typeof DesignScoreJson>;

/** One scenario of one mutant, in full (only with `--scenario`). */
export const MistakeCellJson = z.object({
  design: z.string(),
  driver: z.string(),
  obligation: z.string(),
  kind: MistakeKindJson,
  scenario: z.string(),
  before: z.object({ outcome: Outcome, summary: z.string() }).strict(),
  after: z.object({ outcome: Outcome, summary: z.string() }).strict(),
  newVisible: z.array(z.string()),
  newHarm: z.array(z.string()),
  obligationReached: z.boolean(),
}).strict();
export type MistakeCellJsonT = z.infer<typeof MistakeCellJson>;

export const MistakeMatrixJson = z.object({
  version: z.literal(MISTAKES_VERSION),
  seed: z.number().int().nonnegative(),
  /** Scenario ids the suite ran, in order. */
  scenarios: z.array(z.string()),
  designs: z.array(z.string()),
  /** Bus drivers with obligations, in report order. */
  drivers: z.array(z.string()),
  rows: z.array(MistakeRowJson),
  scores: z.array(DesignScoreJson),
  cells: z.array(MistakeCellJson).optional(),
}).strict();
export type MistakeMatrixJsonT = z.infer<typeof MistakeMatrixJson>;

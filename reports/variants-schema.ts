// The JSON form of what the verdicts rest on: per open question, each variant next to
// the as-posted design it changes, the cells whose outcome differs, and the claims whose
// verdict differs. Part of comparison.json (reports/schema.ts).
import { z } from 'zod';
import { Category, Outcome } from '../scenarios/index.ts';

export const VariantJson = z.object({
  of: z.string(), question: z.string(), reading: z.string(), source: z.string(),
}).strict();

const Verdict = z.enum(['agrees', 'partly', 'contradicts', 'untestable']);

export const MovedCellJson = z.object({
  scenario: z.string(), category: Category,
  asPosted: Outcome, asPostedSummary: z.string(),
  variant: Outcome, variantSummary: z.string(),
}).strict();

export const ChoicePairJson = z.object({
  /** The as-posted design and its reading of the question ("" when it declares none). */
  asPosted: z.string(), asPostedReading: z.string(),
  variant: z.string(), variantReading: z.string(), source: z.string(),
  /** Every scenario whose outcome differs between the two, in scenario id order. */
  moved: z.array(MovedCellJson),
}).strict();

export const ChoiceJson = z.object({
  question: z.string(),
  pairs: z.array(ChoicePairJson),
}).strict();

export const ClaimReadingJson = z.object({
  claim: z.string(), question: z.string(),
  asPosted: z.string(), asPostedVerdict: Verdict,
  variant: z.string(), variantVerdict: Verdict,
}).strict();

export type ChoiceT = z.infer<typeof ChoiceJson>;
export type ChoicePairT = z.infer<typeof ChoicePairJson>;
export type ClaimReadingT = z.infer<typeof ClaimReadingJson>;

// scenarios/mutants: the driver-mistake matrix (issue 9). Mistaken drivers generated
// from the designs' obligation data, run over the scenario suite against the correct
// driver, each classified by when (if ever) the mistake becomes visible.
// Rules: docs/mistakes.md.
export {
  MISTAKES_VERSION, MISTAKE_CLASSES, DesignScoreJson, MistakeCellJson, MistakeClass, MistakeMatrixJson, MistakeRowJson, RustyRung,
  type DesignScoreJsonT, type MistakeCellJsonT, type MistakeClassT, type MistakeMatrixJsonT, type MistakeRowJsonT, type RustyRungT,
} from './schema.ts';
export {
  generateMutants, inexpressibleMistakes, mutantKey, obligatedDrivers,
  type Inexpressible, type Mutant, type MutantFilter,
} from './generate.ts';
export { HARM_SIGNS, VISIBLE_SIGNS, observe, type Observation, type Sign, type SignKind } from './observe.ts';
export { classifyMutant, diffCell, type CellDiff, type MutantVerdict } from './classify.ts';
export { RUSTY } from './rusty.ts';
export { runMistakeMatrix, withoutDriverMistakes, type MistakeMatrixOptions } from './matrix.ts';

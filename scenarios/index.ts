// scenarios: load and validate scenario files, run them on designs, classify each cell.
// What reports/, bench/ and cli/ may import.
export {
  Category, DeviceSetup, Expect, InnerStep, Scenario, Step,
  type CategoryT, type ScenarioT, type StepKind, type StepT,
} from './schema.ts';
export {
  SCENARIOS_DIR, ScenarioError, displayPath, loadAllScenarios, loadScenarioById, loadScenarioFile, nearestIds, parseScenario, scenarioFiles,
  type ScenarioErrorCode, type ScenarioIssue,
} from './load.ts';
export { MISTAKES, MISTAKE_NAMES, isMistakeName, type MistakeName } from './mistakes.ts';
export {
  OUTCOMES, Outcome, SEVERITY, SYMBOL, compareOutcomes, isUnsafe, label, worst, type OutcomeT,
} from './outcome.ts';
export {
  STEP_BUDGET, SWEEP_LIMIT, runCell, runScenarios,
  type CellResult, type DesignRef, type RunOptions, type RunScenariosOptions, type SweepRun,
} from './runner.ts';
export { CellCache, runCellWithRuns, type CellParams, type CellRuns } from './cell-cache.ts';
export {
  classify, stepName,
  type Classification, type DmaEvidence, type Evidence, type RemovalRecord, type RunRecord, type SideCosts, type StepRef,
  type StepResult,
} from './classify.ts';
export { REMOVAL_BLOCKED, cellMarks, describeRemoval, withMarks } from './removal-mark.ts';
export {
  formatTrace, formatVmFlags, runTraced, traceCell, type DmaRunView, type IommuView, type Trace, type TracedCell, type VmaView,
} from './trace.ts';
export {
  CellJson, EvidenceJson, RESULTS_VERSION, ResultsJson, toResultsJson, type CellJsonT, type ResultsJsonT,
} from './result-schema.ts';

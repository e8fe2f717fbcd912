// reports: the comparison report, its JSON, the misuse gate and its outputs.
// What cli/ may import.
export { leftovers, pendingCommit, readSet, recoverSet, writeFileAtomic, writeFileSet, writeFilesAtomic, type FileSetHooks, type FileSetOptions } from './atomic.ts';
export { OutputError, fsReason } from './output-error.ts';
export { tempName } from './atomic-lock.ts';
export { writeFindings } from './fuzz-output.ts';
export { FindingsError, readFindings } from './fuzz-section.ts';
export { checkAppendFile, checkOutputDir, checkOutputFile } from './output-path.ts';
export { BASELINE_VERSION, BaselineError, BaselineJson, baselineText, makeBaseline, readBaseline, type BaselineParts, type BaselineT } from './baseline.ts';
export { buildComparison, evidenceLines, isMisuse, reproduceCommand, type BuildOptions, type Comparison } from './comparison.ts';
export { REPORT_FILES, firstDifferences, renderReport, staleFiles, writeReport, type RenderedReport, type ReportOptions, type StaleFile } from './generate.ts';
export { compareWithBaseline, formatGate, gateFails, type CellChange, type CounterIncrease, type ExtraRegression, type GateInputs, type GateResult } from './gate.ts';
export { MAX_FINDINGS, findings, type CellRef, type Finding, type Part } from './findings.ts';
export { gateSummaryMd } from './gate-summary.ts';
export { renderComparisonHtml } from './html.ts';
export { gateJunit, xmlEscape } from './junit.ts';
export { LEVELS, LEVEL_INFO, levelOf, type Level } from './levels.ts';
export { renderComparisonMd, table, type ExtraSection } from './markdown.ts';
export { inputFiles, inputsDigest, provenance, type Provenance } from './provenance.ts';
export { COMPARISON_VERSION, ComparisonJson, type ComparisonJsonT } from './schema.ts';
export { renderComparisonText } from './text.ts';

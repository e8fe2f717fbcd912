// scenarios/fuzzer: model-based fuzzing of step sequences (arena fuzz) and fail-nth
// sweeps of any scenario (arena faults). What cli/, reports/ and bench/ may import.
export { WORLD } from './world.ts';
export { actionArb, interpret, sequenceArb, sequenceScenario } from './arbitrary.ts';
export { OP_NAMES, OP_WEIGHTS, type Action, type OpName } from './ops.ts';
export { ERRNO_ALLOWED, errnoAllowed } from './errno-allow.ts';
export { VIOLATION_KINDS, attachValidate, checkCell, type Violation, type ViolationKind } from './invariants.ts';
export { MACHINE_SEED, runSequence, validating, type SequenceRun } from './execute.ts';
export { NO_SHARD, parseShard, sequenceSeed, shardIndices, type Shard } from './shard.ts';
export { SHRINK_BUDGET, loads, minimize, shrinkSequence, type Shrunk } from './shrink.ts';
export { diffTarget, singleTargets, type FuzzMode, type Target } from './targets.ts';
export {
  DEFAULT_MAX_FINDINGS, DEFAULT_MAX_STEPS, fuzz, generateActions,
  type Finding, type FuzzOptions, type FuzzResult, type Progress, type Throughput,
} from './campaign.ts';
export { FINDINGS_FILE, FINDINGS_VERSION, FindingJson, FindingsJson, type FindingJsonT, type FindingsJsonT } from './findings.ts';
export { campaignFiles, replayCommand, reproducerText, type ReproducerFile } from './files.ts';
export { scenarioYaml, stepYaml } from './yaml.ts';
export { sweepFaults, type FaultRow, type FaultSweep } from './fail-nth.ts';

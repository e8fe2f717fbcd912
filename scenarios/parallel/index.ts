// scenarios/parallel: --jobs n, the work of report, gate, mistakes and fuzz split over
// node:worker_threads with output identical to one thread.
export { WorkerPool, defaultJobs, withPool } from './pool.ts';
export { matrixCells, prefillCells, prefillMistakeMatrix, type CellWork } from './cells.ts';
export { fuzzInWorkers } from './fuzz.ts';

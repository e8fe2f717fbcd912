// The names `arena bench --suite` accepts, as plain data (the CLI registers the flag from
// these without loading the suites).

/** The comparison's CPU time. */
export const CPU_ID = 'cpu';
/** Issue 16's measurements (start-up, throughput, jobs, memory). */
export const SPEED_ID = 'speed';

/** The ids of allSuites(), in order (known without building the suites; a test keeps them in step). */
export const SUITE_IDS = [
  'map-unmap-1p', 'map-unmap-512p', 'map-unmap-bar', 'lookup', 'fault', 'scenarios', 'fuzz', 'find-vma', 'map-size', 'live-dmas',
] as const;

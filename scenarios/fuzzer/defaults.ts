// A campaign's defaults, as plain data (the CLI registers its flags from these without
// loading fast-check or the runner).
export const DEFAULT_MAX_STEPS = 20;
/** Distinct failure keys shrunk per campaign; later keys are counted, not shrunk. */
export const DEFAULT_MAX_FINDINGS = 12;

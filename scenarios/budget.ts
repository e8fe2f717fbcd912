// The step budget, shared by the loader (a file over it is refused when it is loaded)
// and the runner (a run that executes more is a harness error, the backstop).
/** Steps (inner `during` ones included) one run may execute. */
export const STEP_BUDGET = 200;

/** Steps a scenario's list holds, inner `during` steps included (what the runner counts). */
export function stepCount(steps: readonly object[]): number {
  return steps.reduce((n, st) => n + 1 + ('during' in st && Array.isArray(st.during) ? st.during.length : 0), 0);
}

// Load-time limits: a scenario that cannot run within the runner's step budget, or a
// `repeat` whose later calls would leave the exact range of their fields, is a usage
// error of the file (exit 2) naming the step, never a harness error at run time.
import { U64_MAX } from '../core/index.ts';
import { STEP_BUDGET, type ScenarioT, type StepT } from './schema.ts';

export interface BudgetIssue {
  readonly path: readonly (string | number)[];
  readonly problem: string;
  readonly expected: string;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
type Repeat = Extract<StepT, { kind: 'repeat' }>;

/** Steps the executor counts for `st`: itself and its `during` steps (a repeat is one). */
function stepsOf(st: StepT): number {
  return 1 + (st.kind === 'map-dma' ? st.during?.length ?? 0 : 0);
}

/** The last call of a repeat must keep its offset and iova exact (and the iova a __u64). */
function repeatIssues(st: Repeat, at: readonly (string | number)[]): BudgetIssue[] {
  const out: BudgetIssue[] = [];
  const last = BigInt(st.count - 1);
  const inner = st.step;
  if (inner.expect !== undefined) {
    out.push({ path: [...at, 'step', 'expect'], problem: 'a repeated step carries its own expect', expected: 'expect on the repeat (what every call returns)' });
  }
  if ('offset' in inner && BigInt(inner.offset) + last * BigInt(st.addrStride) > SAFE) {
    out.push({ path: [...at, 'addrStride'], problem: `call ${st.count - 1}'s offset passes 2^53`, expected: 'a count and addrStride that keep every offset below 2^53' });
  }
  const stride = st.iovaStride ?? 0n;
  if ('iova' in inner) {
    const lastIova = BigInt(inner.iova) + last * stride;
    const max = typeof inner.iova === 'bigint' ? U64_MAX : SAFE;
    if (lastIova > max) {
      out.push({
        path: [...at, 'iovaStride'], problem: `call ${st.count - 1}'s iova 0x${lastIova.toString(16)} does not fit`,
        expected: typeof inner.iova === 'bigint' ? 'every iova a __u64' : 'every DMA iova below 2^53',
      });
    }
  }
  return out;
}

/** Every repeat's calls stay exact, and the steps fit STEP_BUDGET. */
export function budgetIssues(s: ScenarioT): BudgetIssue[] {
  const out: BudgetIssue[] = [];
  let used = 0;
  s.steps.forEach((st, i) => {
    if (st.kind === 'repeat') out.push(...repeatIssues(st, ['steps', i]));
    const before = used;
    used += stepsOf(st);
    if (before <= STEP_BUDGET && used > STEP_BUDGET) {
      out.push({
        path: ['steps', i], problem: `the scenario needs ${STEP_BUDGET + 1} or more steps from here (its \`during\` steps count)`,
        expected: `at most ${STEP_BUDGET} steps in all (use a repeat step for many calls)`,
      });
    }
  });
  return out;
}

// Load-time checks of a `repeat` step: a repeat whose later calls would leave the exact
// range of their fields, or whose inner step carries its own expect, is a usage error
// of the file (exit 2) naming the field, never a harness error at run time. (The step
// budget itself is checked in load.ts with scenarios/budget.ts; a repeat is one step.)
import { U64_MAX } from '../core/index.ts';
import type { ScenarioT, StepT } from './schema.ts';

export interface RepeatIssue {
  readonly path: readonly (string | number)[];
  readonly problem: string;
  readonly expected: string;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
type Repeat = Extract<StepT, { kind: 'repeat' }>;

/** The last call of a repeat must keep its offset and iova exact (and the iova a __u64). */
function repeatStepIssues(st: Repeat, at: readonly (string | number)[]): RepeatIssue[] {
  const out: RepeatIssue[] = [];
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

/** Every repeat's calls stay exact. */
export function repeatIssues(s: ScenarioT): RepeatIssue[] {
  return s.steps.flatMap((st, i) => (st.kind === 'repeat' ? repeatStepIssues(st, ['steps', i]) : []));
}

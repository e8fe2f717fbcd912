// fast-check arbitraries for fuzzed step sequences. A sequence is generated as a list
// of abstract actions and interpreted against the model (ops.ts), so fast-check's own
// shrinking (drop actions, move numbers toward 0) always yields a sequence the model
// accepts: an action whose precondition no longer holds simply makes no step.
import fc from 'fast-check';
import type { ScenarioT, StepT } from '../schema.ts';
import { Model } from './model.ts';
import { OP_NAMES, OP_WEIGHTS, buildSteps, type Action, type OpName } from './ops.ts';
import { WORLD, type Setup } from './world.ts';

const opArb = fc.oneof(...OP_NAMES.map((op) => ({ arbitrary: fc.constant(op), weight: OP_WEIGHTS[op] })));

/**
 * An action from its drawn fields. The tuple below is what fc.record({ op, t, a, b, c,
 * wild }) is made of, in the same order, so the values and fast-check's shrink paths
 * (reproducers name them) are the record's; only the object is built here, as a plain
 * one: the record's mapper makes every other action a null-prototype (dictionary-mode)
 * object, which cost about half of generation and slowed interpret() too.
 */
function toAction([op, t, a, b, c, wild]: readonly [OpName, number, number, number, number, boolean, boolean]): Action {
  return { op, t, a, b, c, wild };
}

/** One in twenty actions is wild (a size or flag outside the legal range); shrinks to tame. */
export const actionArb: fc.Arbitrary<Action> = fc.tuple(
  opArb,
  fc.nat({ max: 7 }),
  fc.nat({ max: 63 }),
  fc.nat({ max: 63 }),
  fc.nat({ max: 7 }),
  fc.nat({ max: 19 }).map((n) => n === 19),
  // fc.record's last draw: "null prototype?", kept so the random stream stays the same.
  fc.boolean(),
).map(toAction);

/** Sequences of 1..maxSteps actions (interpret() cuts the steps they make at maxSteps). */
export function sequenceArb(maxSteps: number): fc.Arbitrary<readonly Action[]> {
  return fc.array(actionArb, { minLength: 1, maxLength: maxSteps, size: 'max' });
}

/** The steps a list of actions makes from `setup`, at most maxSteps of them. */
export function interpret(actions: readonly Action[], maxSteps: number, setup: Setup = WORLD): StepT[] {
  const m = new Model(setup);
  const steps: StepT[] = [];
  for (const x of actions) {
    if (steps.length >= maxSteps) break;
    steps.push(...buildSteps(m, x));
  }
  return steps.slice(0, maxSteps);
}

/** A scenario around fuzzed steps; the reproducer writer gives it its id, title and origin. */
export function sequenceScenario(steps: readonly StepT[], setup: Setup = WORLD): ScenarioT {
  return {
    id: 'fuzz-sequence', title: 'fuzzed sequence', category: 'lifecycle', origin: 'fuzz', description: 'a fuzzed step sequence',
    setup, steps: [...steps], sweepFailNth: false,
  };
}

// Each mistake class read on Rusty Russell's "hard to misuse" scale (2008: "How Do I
// Make This Hard to Misuse?" and "What If I Don't Actually Like My Users?"). His rungs
// 10..1 run from "it's impossible to get wrong" down to "read the correct mailing list
// thread and you'll get it right". A run-time simulation sees only run time, so a
// mistake lands at most at rung 5; a mistake the design cannot express is the top.
// The reasoning per class is in docs/mistakes.md.
import type { MistakeClassT, RustyRungT } from './schema.ts';

export const RUSTY: Readonly<Record<MistakeClassT, RustyRungT>> = {
  'n/a': { level: 10, words: '10: it\'s impossible to get wrong (the design asks nothing of the driver here)' },
  'caught-in-normal-use': { level: 5, words: '5: do it right or it will always break at run time' },
  'caught-only-in-corner': {
    level: 3, words: '3: read the documentation and you\'ll get it right (get it wrong and it only sometimes breaks at run time)',
  },
  'silent': {
    level: 2, words: '2: read the implementation and you\'ll get it right (get it wrong and nothing at run time tells you)',
  },
  'no-effect': { level: null, words: 'no rung: the scenarios cannot tell this mistaken driver from a correct one' },
};

// Rusty Russell's API-design scale ("How Do I Make This Hard to Misuse?", 2008), read
// from what a design did with one misuse case. His scale runs from "the compiler/linker
// won't let you get it wrong" down to "it's impossible to get right"; the simulation
// can only observe run-time behaviour, so we use five levels of our own, each tied to
// the nearest rung of his scale. The mapping is printed in the report.
import type { OutcomeT } from '../scenarios/index.ts';

export const LEVELS = ['cannot-express', 'refused', 'harmless', 'noisy', 'silent'] as const;
export type Level = (typeof LEVELS)[number];

export interface LevelInfo {
  readonly level: Level;
  /** Which outcomes land here. */
  readonly outcomes: readonly OutcomeT[];
  /** Our words for the level. */
  readonly meaning: string;
  /** The nearest rung of Rusty's scale, paraphrased. */
  readonly rusty: string;
}

export const LEVEL_INFO: readonly LevelInfo[] = [
  {
    level: 'cannot-express', outcomes: ['n/a'],
    meaning: 'the design has no step where this mistake could be made',
    rusty: 'the API makes the mistake impossible to write (the top of the scale; the nearest a run-time simulation gets to "caught at build time")',
  },
  {
    level: 'refused', outcomes: ['rejected'],
    meaning: 'refused at run time by the API, with an errno, before any harm',
    rusty: '"do it right or it will always break at run time"',
  },
  {
    level: 'harmless', outcomes: ['ok'],
    meaning: 'went through and did no harm the simulation can see',
    rusty: 'nothing to catch: the misuse is safe under this design',
  },
  {
    level: 'noisy', outcomes: ['warn', 'false-reject', 'oops'],
    meaning: 'visible at run time: a WARN or AER splat, a crash, or a legitimate step refused',
    rusty: '"it breaks at run time, loudly": the author sees it, though perhaps only in that scenario',
  },
  {
    level: 'silent', outcomes: ['leak', 'stale-dma', 'uaf', 'harness-error'],
    meaning: 'harm with nothing visible: a leak, DMA into memory the mapping no longer owns, a use after free',
    rusty: '"get it wrong and it sometimes breaks at run time, silently", the bottom rungs',
  },
];

/** The level an outcome of a misuse case sits at. */
export function levelOf(o: OutcomeT): Level {
  const hit = LEVEL_INFO.find((l) => l.outcomes.includes(o));
  if (!hit) throw new Error(`no level for outcome ${o}`);
  return hit.level;
}

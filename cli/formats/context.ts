import type { ChalkInstance } from 'chalk';

/** What every output format may use besides the cells. */
export interface FormatContext {
  readonly seed: number;
  /** Scenario id -> title. */
  readonly titles: ReadonlyMap<string, string>;
  readonly color: ChalkInstance;
}

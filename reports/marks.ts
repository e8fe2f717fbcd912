// How an outcome looks in each format: the symbol and word (markdown, html), a
// two-letter ASCII code (comparison.txt), and a tone the html colours by. Safe
// outcomes are lower case and green, harm upper case and red, in every format. A cell's
// marks (a removal that waited for user space) go with its outcome in every format too.
import { OUTCOMES, REMOVAL_BLOCKED, label, withMarks, type OutcomeT } from '../scenarios/index.ts';
import type { CellSummaryT } from './schema.ts';

export type Tone = 'safe' | 'cost' | 'late' | 'harm' | 'none' | 'bug';

export const TONE: Readonly<Record<OutcomeT, Tone>> = {
  'ok': 'safe', 'rejected': 'safe', 'false-reject': 'cost', 'warn': 'late', 'leak': 'harm', 'stale-dma': 'harm',
  'uaf': 'harm', 'oops': 'harm', 'n/a': 'none', 'harness-error': 'bug',
};

/** Two ASCII characters per outcome for the plain-text matrix: safe in lower case, the rest in upper case. */
export const ASCII_MARK: Readonly<Record<OutcomeT, string>> = {
  'ok': 'ok', 'rejected': 'rj', 'false-reject': 'FR', 'warn': 'WN', 'leak': 'LK', 'stale-dma': 'SD',
  'uaf': 'UF', 'oops': 'OP', 'n/a': '--', 'harness-error': 'HE',
};

/** "🛡️ rejected": a cell's outcome in markdown and html. */
export function outcomeMark(o: OutcomeT): string {
  return label(o);
}

/** The plain-text key: "ok ok, rj rejected, ...", one entry per outcome. */
export function asciiKey(): readonly string[] {
  return OUTCOMES.map((o) => `${ASCII_MARK[o]} ${o}`);
}


/** A cell's outcome as the tables show it: symbol, word and marks ("✅ ok · removal blocked"). */
export function outcomeCell(c: Pick<CellSummaryT, 'outcome' | 'blockedRemovals'>): string {
  return withMarks(outcomeMark(c.outcome), c.blockedRemovals ?? 0);
}

/** The plain-text mark of a cell whose hot-unplug waited for user space. */
export const BLOCKED_STAR = '*';

/** "ok", "ok*": a cell in the plain-text matrix. */
export function asciiCell(c: Pick<CellSummaryT, 'outcome' | 'blockedRemovals'>): string {
  return `${ASCII_MARK[c.outcome]}${(c.blockedRemovals ?? 0) > 0 ? BLOCKED_STAR : ''}`;
}

/** The key line for BLOCKED_STAR. */
export function blockedKey(): string {
  return `${BLOCKED_STAR} ${REMOVAL_BLOCKED}`;
}

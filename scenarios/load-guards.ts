// What the loader refuses before and beside the schema: files that are not text, YAML
// that is not plain data (unknown tags such as `!!js/function`, aliases that expand
// without bound), and values the schema alone would name badly (NaN, .inf, numbers past
// 2^53, a whole binary blob). Each problem is a ScenarioIssue with its line.
import type { Document, LineCounter } from 'yaml';
import type { ScenarioIssue } from './load.ts';

/** Aliases a scenario may expand (yaml's default is 100; real scenarios use none). */
export const MAX_ALIAS_COUNT = 100;

/** Not a text file: a NUL byte or bytes that are not UTF-8 (the line and byte where it starts). */
export function binaryIssue(bytes: Buffer): ScenarioIssue | null {
  const nul = bytes.indexOf(0);
  const text = bytes.toString('utf8');
  const bad = text.indexOf('\uFFFD');
  if (nul < 0 && bad < 0) return null;
  const at = nul >= 0 ? nul : Buffer.byteLength(text.slice(0, bad));
  const line = bytes.subarray(0, at).toString('utf8').split('\n').length;
  return { path: '(top level)', problem: `not a text file (${nul >= 0 ? 'a NUL byte' : 'bytes that are not UTF-8'} at byte ${at})`, expected: 'a UTF-8 YAML scenario', line };
}

/** yaml's warnings (an unresolved tag is one) are errors for us: a scenario is plain data. */
export function warningIssues(doc: Document, lc: LineCounter): ScenarioIssue[] {
  return doc.warnings.map((w) => {
    const what = (w.message.split('\n')[0] ?? w.message).replace(/ at line \d+, column \d+:?$/, '');
    const tag = /tag:? ?(\S+)/i.exec(what)?.[1]?.replace(/^tag:yaml\.org,2002:/, '!!');
    const line = w.pos[0] >= 0 ? lc.linePos(w.pos[0]).line : undefined;
    return {
      path: '(top level)', problem: tag !== undefined && /tag/i.test(what) ? `unknown YAML tag ${tag}` : `YAML: ${what}`,
      expected: 'plain YAML data (maps, lists, strings, numbers, booleans, null; no tags)', ...(line !== undefined ? { line } : {}),
    };
  });
}

/** The document as plain data, or the issue that stopped it (an alias bomb). */
export function toData(doc: Document): { data: unknown } | { issue: ScenarioIssue } {
  try {
    return { data: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown };
  } catch (e) {
    const why = e instanceof Error ? e.message.split('\n')[0] ?? e.message : String(e);
    return { issue: { path: '(top level)', problem: `YAML aliases expand too far (${why})`, expected: `at most ${MAX_ALIAS_COUNT} alias expansions` } };
  }
}

/** A value as a message shows it: YAML's own spelling for NaN and infinities, long values cut. */
export function showValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number' && Number.isNaN(v)) return '.nan';
  if (typeof v === 'number' && !Number.isFinite(v)) return v > 0 ? '.inf (a number too large, or infinity)' : '-.inf';
  if (typeof v === 'number' && Number.isInteger(v) && !Number.isSafeInteger(v)) return `${v} (beyond 2^53, not exact)`;
  if (typeof v === 'bigint') return `${v}`;
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

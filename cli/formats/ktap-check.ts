// A KTAP version 1 reader after Documentation/dev-tools/ktap.rst and the way the
// kernel's tools/testing/kunit/kunit_parser.py reads it (our own code, for tests of
// ktap.ts): a version line, an optional "# Subtest: <name>" header, a plan "1..N", then
// N results "ok|not ok <n> <name> [# SKIP ...]" numbered in order, each optionally
// preceded by its own nested test (a deeper version line) and by "# " diagnostics.

export interface KtapTest {
  readonly name: string;
  /** From the "# Subtest:" header of its nested block, if any. */
  readonly header?: string;
  readonly status: 'ok' | 'not ok' | 'skip';
  readonly subtests: readonly KtapTest[];
}

interface Block {
  readonly header?: string;
  readonly tests: KtapTest[];
}

const VERSION = /^\s*KTAP version 1$/;
const HEADER = /^\s*# Subtest: (.+)$/;
const PLAN = /^\s*1\.\.(\d+)$/;
const RESULT = /^\s*(ok|not ok) (\d+)(?: - )?([^#]*?)\s*(?:# (.*))?$/;
const DIAGNOSTIC = /^\s*#( |$)/;

/** Parses a whole KTAP document; throws naming the line of the first problem. */
export function parseKtap(text: string): { readonly header?: string; readonly tests: readonly KtapTest[] } {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`KTAP line ${i + 1}: ${why}: ${JSON.stringify(lines[i] ?? '(end)')}`);
  };
  const indent = (l: string): number => /^ */.exec(l)?.[0].length ?? 0;

  function block(depth: number): Block {
    if (!VERSION.test(lines[i] ?? '') || indent(lines[i] ?? '') !== depth) fail(`expected "KTAP version 1" at indent ${depth}`);
    i++;
    const header = HEADER.exec(lines[i] ?? '')?.[1];
    if (header !== undefined) i++;
    const plan = PLAN.exec(lines[i] ?? '');
    if (!plan || indent(lines[i] ?? '') !== depth) fail('expected a plan "1..N"');
    i++;
    const n = Number(plan?.[1]);
    const tests: KtapTest[] = [];
    let nested: Block | null = null;
    while (tests.length < n) {
      const line = lines[i] ?? fail(`plan says ${n} tests, found ${tests.length}`);
      if (VERSION.test(line) && indent(line) > depth) {
        if (nested) fail('two nested blocks before one result');
        nested = block(indent(line));
        continue;
      }
      if (DIAGNOSTIC.test(line) && !HEADER.test(line)) {
        i++;
        continue;
      }
      const r = RESULT.exec(line);
      if (!r || indent(line) !== depth) fail('expected a result line');
      if (Number(r?.[2]) !== tests.length + 1) fail(`expected test number ${tests.length + 1}`);
      const name = (r?.[3] ?? '').trim();
      if (name === '') fail('a result without a name');
      const directive = r?.[4] ?? '';
      if (nested?.header !== undefined && nested.header !== name) fail(`"# Subtest: ${nested.header}" closed by a result named "${name}"`);
      tests.push({
        name, status: /^SKIP\b/i.test(directive) ? 'skip' : r?.[1] === 'ok' ? 'ok' : 'not ok',
        subtests: nested?.tests ?? [], ...(nested?.header !== undefined ? { header: nested.header } : {}),
      });
      nested = null;
      i++;
    }
    return { ...(header !== undefined ? { header } : {}), tests };
  }

  const top = block(0);
  if (i < lines.length) fail('text after the last result');
  return top;
}

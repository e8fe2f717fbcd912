// A small XML reader and a check of the shape the Jenkins JUnit schema (xunit-plugin
// junit-10.xsd) allows: which elements sit where, their required and allowed
// attributes, and that the counts add up. For tests of reports/junit.ts; no dependency.

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(s: string): string {
  return s.replace(/&(\w+);/g, (m, e: string) => {
    const v = ENTITIES[e];
    if (v === undefined) throw new Error(`unknown entity ${m}`);
    return v;
  });
}

/** Parses well-formed XML (declaration, elements, attributes, text; no DTD, CDATA or comments). */
export function parseXml(text: string): XmlElement {
  const body = text.replace(/^<\?xml [^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const tag = /<(\/?)([A-Za-z][\w.-]*)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < body.length && (m = tag.exec(body)) !== null) {
    at = tag.lastIndex;
    const [, close, name, attrText, selfClose, chars] = m;
    if (chars !== undefined) {
      const top = stack.at(-1);
      if (top) top.text += unescape(chars);
      else if (chars.trim() !== '') throw new Error(`text outside the root: ${chars.slice(0, 20)}`);
      continue;
    }
    if (close === '/') {
      const top = stack.pop();
      if (top?.name !== name) throw new Error(`</${name}> closes <${top?.name ?? 'nothing'}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(/([\w.-]+)="([^"]*)"/g)) {
      if (a[1] === undefined || a[1] in attrs) throw new Error(`attribute ${a[1]} twice on <${name}>`);
      attrs[a[1]] = unescape(a[2] ?? '');
    }
    const el: XmlElement = { name: name ?? '', attrs, children: [], text: '' };
    const parent = stack.at(-1);
    if (parent) parent.children.push(el);
    else if (root) throw new Error('two root elements');
    else root = el;
    if (selfClose !== '/') stack.push(el);
  }
  if (at < body.length) throw new Error(`not XML at offset ${at}: ${body.slice(at, at + 30)}`);
  if (stack.length > 0 || !root) throw new Error(`unclosed <${stack.at(-1)?.name ?? 'root'}>`);
  return root;
}

interface Rule {
  readonly required: readonly string[];
  readonly optional: readonly string[];
  readonly children: readonly string[];
}

/** junit-10.xsd, element by element. */
const JUNIT_10: Readonly<Record<string, Rule>> = {
  testsuites: { required: [], optional: ['name', 'time', 'tests', 'failures', 'errors'], children: ['testsuite'] },
  testsuite: {
    required: ['name', 'tests', 'failures', 'errors'],
    optional: ['group', 'time', 'skipped', 'timestamp', 'hostname', 'id', 'package', 'file', 'log', 'url'],
    children: ['testsuite', 'properties', 'testcase', 'system-out', 'system-err'],
  },
  testcase: { required: ['name'], optional: ['time', 'classname', 'group'], children: ['skipped', 'error', 'failure', 'system-out', 'system-err'] },
  failure: { required: [], optional: ['type', 'message'], children: [] },
  error: { required: [], optional: ['type', 'message'], children: [] },
  skipped: { required: [], optional: ['type', 'message'], children: [] },
  'system-out': { required: [], optional: [], children: [] },
  'system-err': { required: [], optional: [], children: [] },
};

/** Every way `root` breaks the junit-10 shape or its own counts (empty: valid). */
export function junitProblems(root: XmlElement): string[] {
  const problems: string[] = [];
  const walk = (el: XmlElement, where: string): void => {
    const rule = JUNIT_10[el.name];
    if (!rule) {
      problems.push(`${where}: <${el.name}> is not a JUnit element`);
      return;
    }
    for (const a of rule.required) if (!(a in el.attrs)) problems.push(`${where}: <${el.name}> lacks required ${a}`);
    for (const a of Object.keys(el.attrs)) if (!rule.required.includes(a) && !rule.optional.includes(a)) problems.push(`${where}: <${el.name}> has no attribute ${a}`);
    el.children.forEach((c, i) => {
      if (!rule.children.includes(c.name)) problems.push(`${where}: <${c.name}> cannot be in <${el.name}>`);
      walk(c, `${where}/${c.name}[${i}]`);
    });
  };
  if (root.name !== 'testsuites' && root.name !== 'testsuite') problems.push(`root is <${root.name}>`);
  walk(root, root.name);
  const suites = root.name === 'testsuites' ? root.children : [root];
  let tests = 0;
  let failures = 0;
  for (const s of suites) {
    const cases = s.children.filter((c) => c.name === 'testcase');
    const count = (n: string): number => cases.filter((c) => c.children.some((x) => x.name === n)).length;
    const want = { tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
    for (const [k, v] of Object.entries(want)) {
      if (k in s.attrs && Number(s.attrs[k]) !== v) problems.push(`testsuite ${s.attrs.name}: ${k}="${s.attrs[k]}" but ${v} testcases`);
    }
    tests += want.tests;
    failures += want.failures;
  }
  if (root.name === 'testsuites') {
    if ('tests' in root.attrs && Number(root.attrs.tests) !== tests) problems.push(`testsuites: tests="${root.attrs.tests}" but ${tests}`);
    if ('failures' in root.attrs && Number(root.attrs.failures) !== failures) problems.push(`testsuites: failures="${root.attrs.failures}" but ${failures}`);
  }
  return problems;
}

/** The failing testcases: "classname/name: message". */
export function junitFailures(root: XmlElement): string[] {
  const out: string[] = [];
  const walk = (el: XmlElement): void => {
    if (el.name === 'testcase') {
      for (const f of el.children) if (f.name === 'failure') out.push(`${el.attrs.classname ?? ''}/${el.attrs.name ?? ''}: ${f.attrs.message ?? ''}`);
    }
    el.children.forEach(walk);
  };
  walk(root);
  return out;
}

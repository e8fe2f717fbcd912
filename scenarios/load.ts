// Loads scenario files: YAML -> zod (scenarios/schema.ts) -> symbol checks. Every
// failure is a ScenarioError naming the file, the path inside it (`steps[3].kind`), what
// was expected and the line, so a typo in a scenario reads like a compiler error.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, isMap, isNode, isScalar, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { repeatIssues } from './load-repeat.ts';
import { errno } from '../core/index.ts';
import { STEP_BUDGET, stepCount } from './budget.ts';
import { binaryIssue, showValue, toData, warningIssues } from './load-guards.ts';
import { isMistakeName, MISTAKE_NAMES } from './mistakes.ts';
import { cachedParse, flushParseCache, rememberParse } from './parse-cache.ts';
import { Scenario, type ScenarioT, type StepT } from './schema.ts';

export const SCENARIOS_DIR = dirname(fileURLToPath(import.meta.url));

export type ScenarioErrorCode = 'ENOENT' | 'YAML' | 'SCHEMA' | 'DUPLICATE' | 'UNKNOWN_ID';

/** One thing wrong inside a file. */
export interface ScenarioIssue {
  /** Where in the file, e.g. "steps[3].kind" ("(top level)" for the document). */
  readonly path: string;
  /** What is wrong, e.g. 'invalid value "mmapp"'. */
  readonly problem: string;
  /** What was expected, e.g. "one of open-device, open-chardev, ...". */
  readonly expected?: string;
  /** 1-based line in the file, when known. */
  readonly line?: number;
}

interface ScenarioErrorInit {
  readonly file?: string;
  readonly issues?: readonly ScenarioIssue[];
  readonly files?: readonly string[];
  readonly nearest?: readonly string[];
  readonly closest?: readonly string[];
}

/** Every loader failure. `path`, `expected` and `line` are the first issue's. */
export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  readonly file: string | undefined;
  readonly issues: readonly ScenarioIssue[];
  readonly path: string | undefined;
  readonly expected: string | undefined;
  readonly line: number | undefined;
  /** DUPLICATE: both files. */
  readonly files: readonly string[];
  /** UNKNOWN_ID: the known ids close enough to be a typo (may be empty). */
  readonly nearest: readonly string[];
  /** UNKNOWN_ID: the three best-ranked known ids however far: something to start from. */
  readonly closest: readonly string[];

  constructor(readonly code: ScenarioErrorCode, message: string, init: ScenarioErrorInit = {}) {
    super(message);
    this.file = init.file;
    this.issues = init.issues ?? [];
    this.path = this.issues[0]?.path;
    this.expected = this.issues[0]?.expected;
    this.line = this.issues[0]?.line;
    this.files = init.files ?? [];
    this.nearest = init.nearest ?? [];
    this.closest = init.closest ?? [];
  }
}

/** A path as the user typed it: relative to the working directory when under it. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function issueLine(file: string, i: ScenarioIssue): string {
  return `${displayPath(file)}: ${i.path}: ${i.problem}${i.expected ? `; expected ${i.expected}` : ''}${i.line ? ` (line ${i.line})` : ''}`;
}

function schemaError(file: string, issues: readonly ScenarioIssue[]): ScenarioError {
  return new ScenarioError('SCHEMA', issues.map((i) => issueLine(file, i)).join('\n'), { file, issues });
}

// ---- paths, values and lines -------------------------------------------------------

type Key = PropertyKey;

export function formatPath(path: readonly Key[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : `${s === '' ? '' : '.'}${String(p)}`;
  return s === '' ? '(top level)' : s;
}

function valueAt(data: unknown, path: readonly Key[]): unknown {
  let v = data;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<Key, unknown>)[p] : undefined;
  return v;
}

const show = showValue;

/** The errno names a step may expect: those the simulated kernel returns (core/kernel/errno.ts). */
const ERRNO_NAMES: readonly string[] = Object.keys(errno).filter((k) => /^E[A-Z0-9]+$/.test(k)).sort();

/**
 * YAML integers are read exactly (bigint); every one that a number holds exactly
 * becomes a number again, so only the __u64 fields of the schema (U64) ever see a
 * bigint, and any other field given a value above 2^53 is refused by name.
 */
function exactInts(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  if (Array.isArray(v)) return v.map(exactInts);
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, exactInts(x)]));
  }
  return v;
}

/** The line of the deepest node of `path` present in the document (of `key`'s key, if given). */
function lineOf(doc: Document, lc: LineCounter, path: readonly Key[], key?: string): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (!isNode(node)) continue;
    const pair = key !== undefined && n === path.length && isMap(node)
      ? node.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    const at = pair && isNode(pair.key) ? pair.key.range : node.range;
    if (at) return lc.linePos(at[0]).line;
  }
  return undefined;
}

// ---- zod issues -> readable issues --------------------------------------------------

interface Def {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.core.$ZodType>>;
  readonly element?: z.core.$ZodType;
  readonly innerType?: z.core.$ZodType;
  readonly options?: readonly z.core.$ZodType[];
  readonly discriminator?: string;
  readonly values?: readonly unknown[];
}
const defOf = (s: z.core.$ZodType): Def => s._zod.def as unknown as Def;

/** Strips optional/default/nullable and picks a discriminated union's option by the data. */
function unwrap(s: z.core.$ZodType | undefined, data: unknown): z.core.$ZodType | undefined {
  while (s) {
    const d = defOf(s);
    const tag = d.discriminator;
    if (d.innerType) s = d.innerType;
    else if (d.type === 'union' && tag !== undefined) {
      const value = valueAt(data, [tag]);
      s = d.options?.find((o) => {
        const lit = defOf(o).shape?.[tag];
        return lit !== undefined && (defOf(lit).values ?? []).includes(value);
      });
    } else return s;
  }
  return undefined;
}

/** The keys an object at `path` accepts, for "unknown key" messages. */
function keysAt(path: readonly Key[], data: unknown): string[] {
  let s = unwrap(Scenario, data);
  for (const [i, p] of path.entries()) {
    const d = s && defOf(s);
    s = unwrap(d?.type === 'object' ? d.shape?.[String(p)] : d?.type === 'array' ? d.element : undefined, valueAt(data, path.slice(0, i + 1)));
  }
  return Object.keys((s && defOf(s).shape) ?? {});
}

/** "expected ..." text of one zod issue. */
function expectedOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected;
    case 'invalid_value':
      return issue.values.length === 1 ? show(issue.values[0]) : `one of ${issue.values.map(show).join(', ')}`;
    case 'invalid_union':
      if (issue.discriminator !== undefined && 'options' in issue) return `one of ${(issue.options ?? []).map(String).join(', ')}`;
      return [...new Set(issue.errors.map((alt) => (alt[0] ? expectedOf(alt[0]) : '?')))].join(' or ');
    default:
      return issue.message.replace(/^(Too (small|big)|Invalid input): /, '').replace(/^expected /, '');
  }
}

type LineAt = (path: readonly Key[], key?: string) => number | undefined;

function withLine(issue: ScenarioIssue, line: number | undefined): ScenarioIssue {
  return line === undefined ? issue : { ...issue, line };
}

function fromZod(issue: z.core.$ZodIssue, data: unknown, lineAt: LineAt): ScenarioIssue {
  const path = issue.path;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const allowed = keysAt(path, data);
    const near = nearestIds(key, allowed, 1)[0];
    return withLine({
      path: formatPath(path), problem: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map(show).join(', ')}`,
      expected: `only ${allowed.join(', ')}${near ? ` (did you mean "${near}"?)` : ''}`,
    }, lineAt(path, key));
  }
  const value = valueAt(data, path);
  if (typeof value === 'bigint' && issue.code === 'invalid_type') {
    return withLine({
      path: formatPath(path), problem: `integer ${show(value)} is not exact as a number here (above 2^53)`,
      expected: 'an integer below 2^53 (only iova, size and rawVaddr of map-dma and unmap-dma are 64-bit)',
    }, lineAt(path));
  }
  const problem = value === undefined ? 'missing' : `invalid value ${show(value)}`;
  // zod reports only the errno alternative of `Expect`; name both.
  let expected = path.at(-1) === 'expect' ? '"ok" or an errno name like "EINVAL"' : expectedOf(issue);
  if (issue.code === 'invalid_union' && issue.discriminator === 'kind' && value === 'map-dma' && path.includes('during')) {
    expected += ' (map-dma cannot run inside `during`)';
  } else if (issue.code === 'invalid_union' && typeof value === 'string' && 'options' in issue) {
    const near = nearestIds(value, (issue.options ?? []).map(String), 1)[0];
    if (near) expected += ` (did you mean "${near}"?)`;
  }
  return withLine({ path: formatPath(path), problem, expected }, lineAt(path));
}

// ---- symbol checks ------------------------------------------------------------------

type AnyStep = StepT | NonNullable<Extract<StepT, { kind: 'map-dma' }>['during']>[number]
  | NonNullable<Extract<StepT, { kind: 'reset' }>['during']>[number];

interface Sym {
  readonly at: string;
  /** Tasks that hold it: the binder and its fork children. */
  readonly owners: Set<string>;
  readonly pci?: boolean;
}

const isPow2 = (n: number): boolean => Number.isInteger(Math.log2(n));

/** Checks a BAR list the way the PCI core will (sizes, 64-bit BARs' upper slot). */
function checkBars(bars: readonly ({ size: number; kind: string } | null)[], path: readonly Key[], report: (p: readonly Key[], problem: string, expected?: string) => void): void {
  bars.forEach((b, i) => {
    if (b === null) return;
    if (!isPow2(b.size)) report([...path, i, 'size'], `BAR size ${b.size} is not a power of two`, 'a power of two (PCI BARs are naturally sized)');
    if (b.kind === 'mem64' && (i === 5 || bars[i + 1] !== null)) {
      report([...path, i, 'kind'], `a mem64 BAR at ${i} needs slot ${i + 1} for its upper half`, `bars[${i + 1}] to be null`);
    }
  });
}

/** Every symbol is bound before use and by a task that holds it; mistakes are known names. */
function checkSymbols(s: ScenarioT, lineAt: LineAt): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const report = (p: readonly Key[], problem: string, expected?: string): void => {
    issues.push(withLine({ path: formatPath(p), problem, ...(expected ? { expected } : {}) }, lineAt(p)));
  };
  const tasks = new Map<string, { at: string; exited?: string }>();
  const devices = new Map<string, { pci: boolean; removed?: string }>();
  const fds = new Map<string, Sym>();
  const addrs = new Map<string, Sym>();

  s.setup.tasks.forEach((t, i) => {
    if (tasks.has(t)) report(['setup', 'tasks', i], `task "${t}" listed twice`);
    tasks.set(t, { at: 'setup.tasks' });
  });
  s.setup.devices.forEach((d, i) => {
    if (devices.has(d.name)) report(['setup', 'devices', i, 'name'], `device "${d.name}" listed twice`);
    devices.set(d.name, { pci: d.type === 'pci' });
    if (d.type === 'pci') checkBars(d.bars, ['setup', 'devices', i, 'bars'], report);
  });

  const unbound = (p: readonly Key[], what: string, name: string, known: Iterable<string>, how: string): void => {
    const near = nearestIds(name, [...known], 1)[0];
    report(p, `${what} "${name}" is not bound${near ? ` (did you mean "${near}"?)` : ''}`, `${what === 'addr' || what === 'fd' ? 'an' : 'a'} ${what} bound earlier by ${how}`);
  };
  const useTask = (p: readonly Key[], t: string): void => {
    const task = tasks.get(t);
    if (!task) unbound([...p, 'task'], 'task', t, tasks.keys(), 'setup.tasks or `fork ... as:`');
    else if (task.exited) report([...p, 'task'], `task "${t}" already exited at ${task.exited}`, 'a live task');
  };
  const useSym = (p: readonly Key[], field: string, kind: 'fd' | 'addr', name: string, task: string): Sym | undefined => {
    const table = kind === 'fd' ? fds : addrs;
    const sym = table.get(name);
    if (!sym) {
      unbound([...p, field], kind, name, table.keys(), kind === 'fd' ? '`open-device`/`open-chardev`/`open-container`/`open-group`/`get-device-fd ... as:`' : '`mmap`/`mremap ... as:`');
    } else if (tasks.has(task) && !sym.owners.has(task)) {
      report([...p, field], `${kind} "${name}" (bound at ${sym.at}) belongs to ${[...sym.owners].map((o) => `"${o}"`).join(', ')}, not "${task}"`,
        'a symbol of the same task or inherited through fork');
    }
    return sym;
  };
  const useDevice = (p: readonly Key[], d: string): { pci: boolean; removed?: string } | undefined => {
    const dev = devices.get(d);
    if (!dev) unbound([...p, 'device'], 'device', d, devices.keys(), 'setup.devices or `hot-plug`');
    return dev;
  };

  /** A name bound by `as:` may be bound once: a second binding would silently hide the first. */
  const bind = (table: Map<string, Sym>, p: readonly Key[], name: string, sym: Sym): void => {
    const prev = table.get(name) ?? (table === fds ? addrs : fds).get(name);
    if (prev) report([...p, 'as'], `"${name}" is already bound at ${prev.at}`, 'a name not bound before');
    table.set(name, sym);
  };

  const step = (st: AnyStep, p: readonly Key[]): void => {
    const here = formatPath(p);
    if ('task' in st && st.task !== undefined) useTask(p, st.task);
    if ('expect' in st && typeof st.expect === 'string' && st.expect !== 'ok' && !ERRNO_NAMES.includes(st.expect)) {
      const near = nearestIds(st.expect, ERRNO_NAMES, 1)[0];
      report([...p, 'expect'], `unknown errno "${st.expect}"${near ? ` (did you mean "${near}"?)` : ''}`,
        `"ok" or an errno the simulated kernel returns: ${ERRNO_NAMES.join(', ')}`);
    }
    switch (st.kind) {
      case 'open-device': {
        const dev = useDevice(p, st.device);
        bind(fds, p, st.as, { at: here, owners: new Set([st.task]), pci: dev?.pci ?? false });
        return;
      }
      case 'open-chardev': case 'open-container':
        bind(fds, p, st.as, { at: here, owners: new Set([st.task]), pci: false });
        return;
      case 'open-group':
        useDevice(p, st.device);
        bind(fds, p, st.as, { at: here, owners: new Set([st.task]), pci: false });
        return;
      case 'get-device-fd': {
        useSym(p, 'group', 'fd', st.group, st.task);
        const dev = useDevice(p, st.device);
        bind(fds, p, st.as, { at: here, owners: new Set([st.task]), pci: dev?.pci ?? false });
        return;
      }
      case 'set-container':
        useSym(p, 'group', 'fd', st.group, st.task);
        useSym(p, 'container', 'fd', st.container, st.task);
        return;
      case 'unset-container':
        useSym(p, 'group', 'fd', st.group, st.task);
        return;
      case 'set-iommu':
        useSym(p, 'container', 'fd', st.container, st.task);
        return;
      case 'close': case 'decode-off': case 'decode-on': case 'fd-read':
        useSym(p, 'fd', 'fd', st.fd, st.task);
        return;
      case 'reset':
        useSym(p, 'fd', 'fd', st.fd, st.task);
        if ('during' in st) st.during?.forEach((inner, j) => step(inner, [...p, 'during', j]));
        return;
      case 'mmap': {
        const fd = st.fd === undefined ? undefined : useSym(p, 'fd', 'fd', st.fd, st.task);
        if (st.region !== undefined && (st.fd === undefined || (fd && !fd.pci))) {
          report([...p, 'region'], `region ${st.region} on ${st.fd === undefined ? 'anonymous memory' : `fd "${st.fd}", which is not a vfio-pci device`}`,
            'no region: an mdev or chardev offset is in bytes');
        }
        bind(addrs, p, st.as, { at: here, owners: new Set([st.task]) });
        return;
      }
      case 'munmap': case 'mprotect': case 'cpu-read': case 'cpu-write':
        useSym(p, 'addr', 'addr', st.addr, st.task);
        return;
      case 'mremap':
        useSym(p, 'addr', 'addr', st.addr, st.task);
        if (st.as !== undefined) bind(addrs, p, st.as, { at: here, owners: new Set([st.task]) });
        return;
      case 'map-dma':
        if (st.rawVaddr === undefined) useSym(p, 'addr', 'addr', st.addr, st.task);
        if (st.container !== undefined) useSym(p, 'container', 'fd', st.container, st.task);
        if ('during' in st) st.during?.forEach((inner, j) => step(inner, [...p, 'during', j]));
        return;
      case 'fork':
        if (tasks.has(st.as)) report([...p, 'as'], `task "${st.as}" already exists`, 'a new task name');
        else tasks.set(st.as, { at: here });
        for (const sym of [...fds.values(), ...addrs.values()]) if (sym.owners.has(st.task)) sym.owners.add(st.as);
        return;
      case 'exit': {
        const t = tasks.get(st.task);
        if (t && !t.exited) t.exited = here;
        return;
      }
      case 'dma-read': case 'dma-write': {
        const dev = useDevice(p, st.device);
        if (dev && !dev.pci) report([...p, 'device'], `"${st.device}" is an mdev and issues no DMA`, 'a PCI device (opened by the task whose container maps the IOVA)');
        if (st.expect !== undefined && st.expect !== 'ok') report([...p, 'expect'], `a DMA cannot return ${st.expect}`, '"ok" or no expect (a blocked DMA is an IOMMU fault, not an errno)');
        return;
      }
      case 'hot-unplug': {
        const dev = useDevice(p, st.device);
        if (dev) dev.removed = here;
        return;
      }
      case 'signal-removal':
        useDevice(p, st.device);
        return;
      case 'hot-plug': {
        const old = devices.get(st.device);
        if (old && old.removed === undefined) report([...p, 'device'], `device "${st.device}" is still plugged in`, 'a new name, or a device hot-unplugged earlier');
        devices.set(st.device, { pci: true });
        checkBars(st.bars, [...p, 'bars'], report);
        return;
      }
      case 'driver-mistake':
        if (!isMistakeName(st.mistake)) {
          const near = nearestIds(st.mistake, MISTAKE_NAMES, 1)[0];
          report([...p, 'mistake'], `invalid value ${show(st.mistake)}${near ? ` (did you mean "${near}"?)` : ''}`, `one of ${MISTAKE_NAMES.join(', ')} (scenarios/mistakes.ts)`);
        }
        return;
      case 'repeat':
        step(st.step, [...p, 'step']);
        return;
      case 'unmap-dma':
        if (st.container !== undefined) useSym(p, 'container', 'fd', st.container, st.task);
        return;
      case 'fail-nth': case 'sleep':
        return;
    }
  };
  s.steps.forEach((st, i) => step(st, ['steps', i]));

  if (s.category === 'fault-injection' && !s.sweepFailNth && !s.steps.some((st) => st.kind === 'fail-nth')) {
    report(['sweepFailNth'], 'a fault-injection scenario injects no fault', 'sweepFailNth: true or a fail-nth step');
  }
  return issues;
}

// ---- loading ------------------------------------------------------------------------

/** Parses and checks one scenario from text; `file` names it in errors and must be `<id>.yaml`. */
export function parseScenario(text: string, file: string): ScenarioT {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true, intAsBigInt: true });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0];
    const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
    const what = (err.message.split('\n')[0] ?? err.message).replace(/ at line \d+, column \d+:?$/, '');
    const issues = [{ path: '(top level)', problem: `YAML syntax error: ${what}`, ...(pos ? { line: pos.line } : {}) }];
    return fail(new ScenarioError('YAML', `${displayPath(file)}: ${where}YAML syntax error: ${what}`, { file, issues }));
  }
  const warned = warningIssues(doc, lc);
  if (warned.length > 0) return fail(new ScenarioError('YAML', warned.map((i) => issueLine(file, i)).join('\n'), { file, issues: warned }));
  const js = toData(doc);
  if ('issue' in js) return fail(new ScenarioError('YAML', issueLine(file, js.issue), { file, issues: [js.issue] }));
  const data = exactInts(js.data);
  const lineAt: LineAt = (p, key) => lineOf(doc, lc, p, key);
  const parsed = Scenario.safeParse(data);
  if (!parsed.success) return fail(schemaError(file, parsed.error.issues.map((i) => fromZod(i, data, lineAt))));
  const s = parsed.data;
  const issues = checkSymbols(s, lineAt);
  for (const b of repeatIssues(s)) issues.push(withLine({ path: formatPath(b.path), problem: b.problem, expected: b.expected }, lineAt(b.path)));
  // Checked here, not only when the run hits it: a file that cannot run is bad input.
  const steps = stepCount(s.steps);
  if (steps > STEP_BUDGET) {
    issues.push(withLine({ path: 'steps', problem: `${steps} steps (inner \`during\` steps included) exceed the step budget of ${STEP_BUDGET}`,
      expected: `at most ${STEP_BUDGET} steps (scenarios/budget.ts); split the scenario` }, lineAt([], 'steps')));
  }
  // `arena run hot-unplug-reassign` finds scenarios/hot-unplug-reassign.yaml by name.
  const stem = basename(file).replace(/\.ya?ml$/, '');
  if (stem !== basename(file) && s.id !== stem) {
    issues.unshift(withLine({ path: 'id', problem: `id "${s.id}" differs from the file name`, expected: `"${stem}"` }, lineAt(['id'])));
  }
  if (issues.length > 0) return fail(schemaError(file, issues));
  return s;
}

function fail(e: ScenarioError): never {
  throw e;
}

export function loadScenarioFile(path: string): ScenarioT {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const dir = (e as { code?: string }).code === 'EISDIR';
    throw new ScenarioError('ENOENT', `${displayPath(path)}: ${dir ? 'is a directory, not a scenario file' : 'no such scenario file'}`, { file: path });
  }
  // Never echo a binary file: say where it stops being text.
  const binary = binaryIssue(bytes);
  if (binary) throw new ScenarioError('YAML', issueLine(path, binary), { file: path, issues: [binary] });
  const text = bytes.toString('utf8');
  // One parse per file text: the report, the mistake matrix and the fuzz section each
  // load the suite, and parsing (yaml + zod) is most of the cost of a load. Keyed by the
  // text itself, so an edited file is parsed again; frozen, since every caller shares it.
  const hit = parsed.get(path);
  if (hit?.text === text) return hit.scenario;
  const kept = cachedParse(path, text) as ScenarioT | undefined;
  const scenario = deepFreeze(kept ?? parseScenario(text, path));
  if (kept === undefined) rememberParse(path, text, scenario);
  parsed.set(path, { text, scenario });
  return scenario;
}

const parsed = new Map<string, { readonly text: string; readonly scenario: ScenarioT }>();

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

/** `*.yaml` directly in `dir`, then in `dir/fuzz/` if it exists. */
export function scenarioFiles(dir: string = SCENARIOS_DIR): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new ScenarioError('ENOENT', `${displayPath(dir)}: no such scenario directory`, { file: dir });
  }
  return yamlIn(dir);
}

function yamlIn(d: string): string[] {
  return readdirSync(d).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(d, f));
}

/**
 * The kept fuzz reproducers (`dir/fuzz/*.yaml`). They stay out of the main matrix (the
 * report lists them in their own section) but can be run by id or path.
 */
export function fuzzScenarioFiles(dir: string = SCENARIOS_DIR): string[] {
  const fuzz = join(dir, 'fuzz');
  return existsSync(fuzz) && statSync(fuzz).isDirectory() ? yamlIn(fuzz) : [];
}

/**
 * The kernel-limit scenarios (`dir/limits/*.yaml`): each drives a limit at its kernel
 * default (65535 MAP_DMAs for dma_entry_limit), design-neutral by construction (no
 * PFNMAP vma) and about 50 times the cost of the rest of the matrix together, so they
 * stay out of the main matrix and run by id or path (and in their own tests).
 */
export function limitScenarioFiles(dir: string = SCENARIOS_DIR): string[] {
  const limits = join(dir, 'limits');
  return existsSync(limits) && statSync(limits).isDirectory() ? yamlIn(limits) : [];
}

/** Every scenario in `dir` (not `dir/fuzz/` or `dir/limits/`), sorted by id; a repeated id is an error. */
export function loadAllScenarios(dir: string = SCENARIOS_DIR): ScenarioT[] {
  const byId = new Map<string, { s: ScenarioT; file: string }>();
  for (const file of scenarioFiles(dir)) {
    const s = loadScenarioFile(file);
    const prev = byId.get(s.id);
    if (prev) {
      throw new ScenarioError('DUPLICATE', `duplicate scenario id "${s.id}" in ${displayPath(prev.file)} and ${displayPath(file)}`,
        { file, files: [prev.file, file] });
    }
    byId.set(s.id, { s, file });
  }
  flushParseCache();
  return [...byId.values()].map((e) => e.s).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The scenario with this id; an unknown id suggests the nearest ones. */
export function loadScenarioById(id: string, dir: string = SCENARIOS_DIR): ScenarioT {
  const files = [...scenarioFiles(dir), ...fuzzScenarioFiles(dir), ...limitScenarioFiles(dir)];
  // File names are ids (the loader enforces it), so only the matching file is parsed.
  const file = files.find((f) => basename(f) === `${id}.yaml`);
  if (file) {
    const s = loadScenarioFile(file);
    flushParseCache();
    return s;
  }
  const ids = files.map((f) => basename(f, '.yaml'));
  const nearest = nearestIds(id, ids);
  throw new ScenarioError('UNKNOWN_ID', `unknown scenario "${id}"${nearest.length > 0 ? `; did you mean ${nearest.join(', ')}?` : ''}`,
    { nearest, closest: closestIds(id, ids) });
}

// ---- nearest names ------------------------------------------------------------------

/** Levenshtein distance (insert, delete, substitute each cost 1). */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** `ids` ranked against `id`: ids containing it (or contained in it) first, then by edit distance, then alphabetically. */
function rankIds(id: string, ids: readonly string[]): Array<{ c: string; d: number }> {
  return [...new Set(ids)].map((c) => {
    const contains = id.length >= 3 && (c.includes(id) || id.includes(c));
    return { c, d: contains ? 0 : levenshtein(id, c) };
  }).sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : a.c > b.c ? 1 : 0));
}

/** Up to `n` of `ids` closest to `id` (see rankIds); ids further than half their length are dropped. */
export function nearestIds(id: string, ids: readonly string[], n = 3): string[] {
  return rankIds(id, ids)
    .filter((x) => x.d <= Math.max(2, Math.ceil(Math.max(id.length, x.c.length) / 2)))
    .slice(0, n)
    .map((x) => x.c);
}

/** The `n` best-ranked of `ids` however far from `id`. */
export function closestIds(id: string, ids: readonly string[], n = 3): string[] {
  return rankIds(id, ids).slice(0, n).map((x) => x.c);
}

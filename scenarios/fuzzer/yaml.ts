// Scenario -> YAML text in the hand-written files' style: one flow map per step, keys
// in schema order, sizes and addresses in hex, defaults left out. parseScenario() of
// the text gives back the same scenario (reproducer.test.ts checks it).
import type { ScenarioT, StepT } from '../schema.ts';

type Plain = string | number | bigint | boolean | null | readonly Plain[] | { readonly [k: string]: Plain | undefined };

/** Keys whose numbers read better in hex (sizes, addresses, offsets). */
const HEX = new Set(['iova', 'size', 'length', 'offset', 'oldLength', 'newLength', 'rawVaddr', 'addrStride', 'iovaStride']);
/** Defaults the schema fills in, by step kind (or device type): omitted when equal. */
const DEFAULTS: Readonly<Record<string, Readonly<Record<string, Plain>>>> = {
  'mmap': { offset: 0, shared: true, prot: 'rw' },
  'munmap': { offset: 0 }, 'mprotect': { offset: 0 }, 'cpu-read': { offset: 0 }, 'cpu-write': { offset: 0 },
  'mremap': { offset: 0, move: false },
  'map-dma': { offset: 0, read: true, write: true }, 'unmap-dma': { all: false },
  'hot-plug': { driver: 'vfio-pci' }, 'pci': { driver: 'vfio-pci' },
};

function scalar(key: string, v: string | number | bigint | boolean | null): string {
  if (typeof v === 'number' || typeof v === 'bigint') return HEX.has(key) && v >= 0x1000 ? `0x${v.toString(16)}` : String(v);
  if (typeof v === 'string') return /^[a-z][a-z0-9_-]*$|^E[A-Z]+$/.test(v) ? v : JSON.stringify(v);
  return String(v);
}

function flow(v: Plain, key = ''): string {
  if (v === null || typeof v !== 'object') return scalar(key, v);
  if (Array.isArray(v)) return `[${(v as readonly Plain[]).map((x) => flow(x, key)).join(', ')}]`;
  const o = v as Readonly<Record<string, Plain | undefined>>;
  const tag = o.kind ?? o.type;
  const defaults = typeof tag === 'string' ? DEFAULTS[tag] ?? {} : {};
  const parts = Object.entries(o)
    .filter(([k, x]) => x !== undefined && !(Object.hasOwn(defaults, k) && defaults[k] === x))
    .map(([k, x]) => `${k}: ${flow(x as Plain, k)}`);
  return `{ ${parts.join(', ')} }`;
}

export function stepYaml(s: StepT): string {
  return flow(s as unknown as Plain);
}

/** The whole file: `header` comment lines first, then the scenario. */
export function scenarioYaml(s: ScenarioT, header: readonly string[]): string {
  const lines = [
    ...header.map((h) => `# ${h}`.trimEnd()),
    `id: ${s.id}`,
    `title: ${JSON.stringify(s.title)}`,
    `category: ${s.category}`,
    `origin: ${JSON.stringify(s.origin)}`,
    `description: ${JSON.stringify(s.description)}`,
    'setup:',
    ...(s.setup.devices.length === 0 ? ['  devices: []'] : ['  devices:', ...s.setup.devices.map((d) => `    - ${flow(d as unknown as Plain)}`)]),
    `  tasks: [${s.setup.tasks.join(', ')}]`,
    ...(s.setup.dmaEntryLimit !== undefined ? [`  dmaEntryLimit: ${s.setup.dmaEntryLimit}`] : []),
    ...(s.sweepFailNth ? ['sweepFailNth: true'] : []),
    'steps:',
    ...s.steps.map((st) => `  - ${stepYaml(st)}`),
  ];
  return `${lines.join('\n')}\n`;
}

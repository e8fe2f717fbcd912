// Parsed scenario files kept on disk between runs (node_modules/.cache/pfnmap-arena/),
// so a command does not parse the same YAML again in every process: parsing (yaml +
// zod + the symbol checks) is most of a cold load. An entry is used only for the same
// file text and the same loader (a digest of the loader's own sources is part of the
// key), so an edited scenario or an edited loader parses again. Only successful parses
// are kept; a broken file always goes through the parser and gets its full error.
// This module imports neither yaml nor zod: `arena list` reads scenarios through it
// without loading either (catalog.ts).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const FILE = join(HERE, '..', 'node_modules', '.cache', 'pfnmap-arena', 'scenarios.json');
/** The sources whose code decides what a file parses to. */
const LOADER = ['load.ts', 'load-guards.ts', 'budget.ts', 'schema.ts', 'categories.ts', 'mistakes.ts', 'parse-cache.ts'];

interface Disk {
  readonly stamp: string;
  readonly entries: Record<string, { readonly hash: string; readonly scenario: unknown }>;
}

let stampMemo: string | undefined;
let disk: Disk | undefined;
let dirty = false;

/** JSON has no bigint: a __u64 above 2^53 (scenario iova/size fields) is kept as { __u64: "<decimal>" }. */
const U64_KEY = '__u64';
function toJson(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? { [U64_KEY]: v.toString() } : v;
}
function fromJson(_k: string, v: unknown): unknown {
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const keys = Object.keys(v);
    const u = (v as Record<string, unknown>)[U64_KEY];
    if (keys.length === 1 && typeof u === 'string' && /^\d+$/.test(u)) return BigInt(u);
  }
  return v;
}

/** The cache file's text for a value, and back (bigints kept exact). */
export const cacheText = {
  stringify: (v: unknown): string => JSON.stringify(v, toJson),
  parse: (text: string): unknown => JSON.parse(text, fromJson),
};

function digest(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function loaderStamp(): string {
  stampMemo ??= digest(LOADER.map((f) => {
    try {
      return readFileSync(join(HERE, f), 'utf8');
    } catch {
      return `(missing ${f})`;
    }
  }).join('\0'));
  return stampMemo;
}

function load(): Disk {
  if (disk) return disk;
  const stamp = loaderStamp();
  try {
    const d = cacheText.parse(readFileSync(FILE, 'utf8')) as Partial<Disk>;
    if (d.stamp === stamp && typeof d.entries === 'object' && d.entries !== null) disk = { stamp, entries: { ...d.entries } };
  } catch {
    // No cache yet, or a broken one: start afresh.
  }
  disk ??= { stamp, entries: {} };
  return disk;
}

/** The parse of `text` (the contents of `path`) kept from an earlier run, if any. */
export function cachedParse(path: string, text: string): unknown {
  if (!path.startsWith(`${HERE}/`)) return undefined;
  const e = load().entries[path];
  return e && e.hash === digest(text) ? e.scenario : undefined;
}

/** Keeps a successful parse for later runs (written by flushParseCache); only the project's own files. */
export function rememberParse(path: string, text: string, scenario: unknown): void {
  if (!path.startsWith(`${HERE}/`)) return;
  load().entries[path] = { hash: digest(text), scenario };
  dirty = true;
}

/** Writes the cache if this process added to it; a read-only checkout just goes without. */
export function flushParseCache(): void {
  if (!dirty || !disk) return;
  dirty = false;
  try {
    mkdirSync(dirname(FILE), { recursive: true });
    const tmp = `${FILE}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(tmp, cacheText.stringify(disk));
    renameSync(tmp, FILE);
  } catch {
    // Not writable: every run parses, as before.
  }
}

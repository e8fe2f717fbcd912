// Prints, per design, the obligations each bus driver carries and the lines of
// driver-side code the design asks for (counted from the files, not by hand).
// Run: npx tsx designs/obligations.ts [--format text|json]
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Design } from '../core/index.ts';
import { DESIGN_NAMES, getDesign } from './registry.ts';
import { designSourceDir } from './sources.ts';

export const DRIVERS = ['vfio-pci', 'mdev-ram', 'chardev'] as const;

/** Source lines that are not blank and not comments. */
export function countCodeLines(text: string): number {
  let n = 0;
  let inBlock = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (inBlock) {
      if (line.includes('*/')) inBlock = false;
      continue;
    }
    if (line === '' || line.startsWith('//')) continue;
    if (line.startsWith('/*')) {
      if (!line.includes('*/')) inBlock = true;
      continue;
    }
    n += 1;
  }
  return n;
}

export interface ObligationRow {
  readonly design: string;
  readonly driver: string;
  readonly obligations: number;
  readonly ids: readonly string[];
  /** Lines in designs/<design>/<driver>.ts (and that file of a design it builds on), the driver's side of the design. */
  readonly driverLines: number;
}

/**
 * The files holding a driver's side of the design in `dir`: <driver>.ts, and the same
 * file of every design folder its index.ts builds on (imports `../<folder>/index.ts`).
 */
function driverFiles(dir: string, driver: string): string[] {
  const index = join(dir, 'index.ts');
  const bases = existsSync(index)
    ? [...readFileSync(index, 'utf8').matchAll(/from '\.\.\/([a-z0-9+-]+)\/index\.ts'/g)].map((m) => join(dir, '..', m[1]!, `${driver}.ts`)) : [];
  return [join(dir, `${driver}.ts`), ...bases].filter((f) => existsSync(f));
}

/** One row per (design, driver); the registered designs when none are given. */
export function obligationTable(designs: readonly Design[] = DESIGN_NAMES.map(getDesign)): ObligationRow[] {
  const rows: ObligationRow[] = [];
  for (const d of designs) {
    const design = d.name;
    for (const driver of DRIVERS) {
      const obs = d.obligations.filter((o) => o.driver === driver);
      const driverLines = driverFiles(designSourceDir(d), driver).reduce((n, f) => n + countCodeLines(readFileSync(f, 'utf8')), 0);
      rows.push({ design, driver, obligations: obs.length, ids: obs.map((o) => o.id), driverLines });
    }
  }
  return rows;
}

export function formatObligationTable(rows: readonly ObligationRow[]): string {
  const head = ['design', 'driver', 'obligations', 'driver-side lines', 'what'];
  const body = rows.map((r) => [r.design, r.driver, String(r.obligations), String(r.driverLines), r.ids.join(', ') || '-']);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const fmt = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...body.map(fmt)].join('\n');
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const rows = obligationTable();
  if (process.argv.includes('json')) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else process.stdout.write(`${formatObligationTable(rows)}\n`);
}

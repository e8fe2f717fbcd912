// `arena new-design`: the files of a new design folder (index.ts, README.md with its
// obligations table, index.test.ts). Blank, it is the v5.12 type1 behaviour with the
// four hook points written out; --from copies a registered design's own files (and the
// design folders they import), with imports rewritten to the public API.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { BASE_DRIVER_OBLIGATIONS, type Design, type Obligation } from '../core/index.ts';
import { designSourceDir } from '../designs/sources.ts';

export type Files = ReadonlyArray<readonly [path: string, text: string]>;
const API = 'pfnmap-arena/design';

export function obligationsTable(obligations: readonly Obligation[]): string {
  if (obligations.length === 0) return 'This design asks nothing of the bus drivers.\n';
  const rows = obligations.map((o) => `| ${o.driver} | \`${o.id}\` | ${o.kinds.join(', ')} | ${o.what.replaceAll('|', '\\|')} |`);
  return ['| driver | obligation id | mistake kinds | what the driver must do |', '| --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}

function readme(name: string, d: Pick<Design, 'summary' | 'obligations'>, from: string | null, dir: string): string {
  return `# ${name}

${d.summary}
${from ? `\nStarted from a copy of the built-in design \`${from}\` (\`arena new-design ${name} --from ${from}\`).\n` : ''}
## Obligations
What every bus driver must do for this design to be correct. The mistake matrix
(\`arena mistakes --design ${dir}/index.ts\`) makes each one wrong in turn.

${obligationsTable(d.obligations)}
## Try it
\`\`\`
npx arena run bar-map-dma --design ${dir}/index.ts
npx arena report --design ${dir}/index.ts --out /tmp/${name}-report
npx arena gate --design ${dir}/index.ts
npx vitest run ${dir}
\`\`\`
How to write a design: docs/writing-a-design.md in the pfnmap-arena checkout.
`;
}

function test(name: string): string {
  return `// ${name}: every scenario runs (no harness error), and the plain BAR mapping works.
import { describe, expect, it } from 'vitest';
import { runDesign } from 'pfnmap-arena/testing';
import design from './index.ts';

describe('${name}', () => {
  it('runs every scenario without a harness error', () => {
    const cells = runDesign(design);
    expect(cells.length).toBeGreaterThan(30);
    expect(cells.filter((c) => c.outcome === 'harness-error').map((c) => \`\${c.scenario}: \${c.evidence.summary}\`)).toEqual([]);
  });

  it('maps a whole BAR for peer-to-peer DMA (bar-map-dma is ok)', () => {
    expect(runDesign(design, { ids: ['bar-map-dma'] }).map((c) => c.outcome)).toEqual(['ok']);
  });
});
`;
}

function blankIndex(name: string): string {
  return `// ${name}: say in a line what type1 does for a VM_PFNMAP vma under your design.
// Written by \`arena new-design\`; as it stands it is v5.12's type1 (follow_pfn, no
// reference held). The four hook points are below; docs/writing-a-design.md explains each.
import { BASE_DRIVER_OBLIGATIONS, v5_12_type1_patch, type Design, type DesignPatch } from '${API}';

const design: Design = {
  name: '${name}',
  title: '${name}: the API in one line',
  origin: 'who proposed it, and where (a list message, a kernel commit)',
  summary: 'what type1 does for a VM_PFNMAP vma, what it holds, and what tells it the memory is going away.',
  // What each bus driver must do (data): add your design's obligations here.
  obligations: [...BASE_DRIVER_OBLIGATIONS],
  install(_k): DesignPatch {
    const v5_12 = v5_12_type1_patch();
    return {
      // (a) mmap time: vfio core's part of mmap on a device fd; driverMmap() runs the bus driver's.
      vfio_mmap(_kk, _vdev, _vma, driverMmap) {
        return driverMmap();
      },
      // (b) type1's lookup: vma + address -> a run of pfns and the reference held for it.
      pfnmap_lookup(a) {
        return v5_12.pfnmap_lookup(a);
      },
      // (c) release what the lookup took, on UNMAP_DMA or the unwind of a failed MAP_DMA.
      release(_kk, ref) {
        ref.drop();
      },
      // (d) each bus driver's side, by driver name: mmap/fault/vma_open/vma_close/vma_to_pfn/invalidate.
      sides: {},
    };
  },
};

export default design;
`;
}

/** The folder a registered design's code is in: designs/<name>/, or the folder whose code declares the name. */
function folderOf(d: Design): string {
  const dir = designSourceDir(d);
  if (existsSync(join(dir, 'index.ts'))) return dir;
  const root = dirname(dir);
  for (const sub of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    const files = readdirSync(join(root, sub.name)).filter((f) => f.endsWith('.ts'));
    if (files.some((f) => readFileSync(join(root, sub.name, f), 'utf8').includes(`name: '${d.name}'`))) return join(root, sub.name);
  }
  throw new Error(`no folder under designs/ declares the design "${d.name}"`);
}

/**
 * Copies a design folder's code, rewriting imports: the core and the API become
 * 'pfnmap-arena/design'; another design folder it imports is copied beside it, as
 * <folder>/ at the top of the new design.
 */
function copyFolder(src: string, prefix: string, out: Map<string, string>): void {
  for (const f of readdirSync(src).filter((n) => n.endsWith('.ts') && !n.endsWith('.test.ts')).sort()) {
    const text = readFileSync(join(src, f), 'utf8')
      .replace(/'(?:\.\.\/)+core\/index\.ts'/g, `'${API}'`)
      .replace(/'\.\.\/api\.ts'/g, `'${API}'`)
      .replace(/'\.\.\/([a-z0-9+-]+)\/([^']+)'/g, (_m, folder: string, rest: string) => {
        if (![...out.keys()].some((k) => k.startsWith(`${folder}/`))) copyFolder(join(dirname(src), folder), `${folder}/`, out);
        return prefix === '' ? `'./${folder}/${rest}'` : `'../${folder}/${rest}'`;
      });
    out.set(`${prefix}${f}`, text);
  }
}

function fromIndex(name: string, d: Design): Map<string, string> {
  const out = new Map<string, string>();
  copyFolder(folderOf(d), '', out);
  const decl = `name: '${d.name}'`;
  const file = [...out.keys()].find((k) => !k.includes('/') && out.get(k)!.includes(decl));
  if (!file) throw new Error(`the copy of ${d.name} has no file declaring ${decl}`);
  const text = out.get(file)!;
  const at = text.indexOf(decl);
  const consts = [...text.slice(0, at).matchAll(/export const (\w+)/g)];
  const id = consts.at(-1)?.[1];
  if (!id) throw new Error(`no exported const declares ${d.name} in ${file}`);
  out.set(file, text.replace(decl, `name: '${name}'`));
  const index = out.get('index.ts') ?? '';
  out.set('index.ts', file === 'index.ts' ? `${index}\nexport default ${id};\n` : `${index}\nexport { ${id} as default } from './${basename(file)}';\n`);
  return out;
}

/** The files of a new design `name`, written under `dir` (shown in its README), blank or from a registered design. */
export function scaffold(name: string, dir: string, from: Design | null): Files {
  const code = from ? fromIndex(name, from) : new Map([['index.ts', blankIndex(name)]]);
  const about = from ?? { summary: `${name}: describe it here (index.ts says what each hook point does).`, obligations: BASE_DRIVER_OBLIGATIONS };
  return [...code, ['README.md', readme(name, about, from?.name ?? null, dir)], ['index.test.ts', test(name)]];
}

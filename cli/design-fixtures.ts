// Test helper: design modules written into a fresh temporary directory outside the
// checkout, as a user would keep them. Each imports the public API by its package name.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FILE_REF = `// status-quo's lookup, but type1 holds a reference on the vma's file for the mapping's life.
import { BASE_DRIVER_OBLIGATIONS, fput, get_file, v5_12_type1_patch, type Design } from 'pfnmap-arena/design';

const fileRef: Design = {
  name: 'file-ref',
  title: 'follow_pfn + a reference on vm_file',
  origin: 'a user, outside the tree',
  summary: 'type1 takes a reference on the vma file for the life of the mapping.',
  obligations: [...BASE_DRIVER_OBLIGATIONS, { id: 'keep-file', driver: 'vfio-pci', what: 'nothing: a test obligation', kinds: ['omit'] }],
  install(k) {
    const base = v5_12_type1_patch();
    return {
      ...base,
      pfnmap_lookup(a) {
        const r = base.pfnmap_lookup(a);
        if (!('pfn' in r) || !a.vma.vm_file) return r;
        const f = get_file(k, a.vma.vm_file);
        return { ...r, ref: { label: 'vm_file', drop() { fput(k, f); } } };
      },
    };
  },
};
export default fileRef;
`;

export const THROWS_IN_HOOKS = `import { BASE_DRIVER_OBLIGATIONS, v5_12_type1_patch, type Design } from 'pfnmap-arena/design';

const inLookup: Design = {
  name: 'throws-in-lookup', title: 't', origin: 'test', summary: 's', obligations: BASE_DRIVER_OBLIGATIONS,
  install() {
    const base = v5_12_type1_patch();
    return {
      ...base,
      pfnmap_lookup() {
        throw new Error('my lookup is broken');
      },
    };
  },
};
const atInstall: Design = {
  name: 'throws-at-install', title: 't', origin: 'test', summary: 's', obligations: BASE_DRIVER_OBLIGATIONS,
  install() {
    throw new TypeError('cannot install');
  },
};
export default [inLookup, atInstall];
`;

export const BROKEN = {
  'throws.ts': `throw new Error('boom at import');\n`,
  'no-default.ts': `export const x = 1;\n`,
  'bad-name.ts': `import { V5_12_DESIGN } from 'pfnmap-arena/design';\nexport default { ...V5_12_DESIGN, name: 'Bad Name' };\n`,
  'shadows.ts': `import { V5_12_DESIGN } from 'pfnmap-arena/design';\nexport default { ...V5_12_DESIGN, name: 'driver-op' };\n`,
  'twins.ts': `import { V5_12_DESIGN } from 'pfnmap-arena/design';\nexport default [{ ...V5_12_DESIGN, name: 'twin' }, { ...V5_12_DESIGN, name: 'twin' }];\n`,
} as const;

/** The same plain design as JavaScript, one per extension (name derived from the file). */
export function plainJs(name: string): string {
  return `import { V5_12_DESIGN } from 'pfnmap-arena/design';\nexport default { ...V5_12_DESIGN, name: '${name}', title: 't', origin: 'test', summary: 's' };\n`;
}

/** A new temporary directory holding file-ref.ts, plain.mjs, plain.js, throws-in-hooks.ts and the broken modules. */
export function designDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'arena-designs-'));
  writeFileSync(join(dir, 'file-ref.ts'), FILE_REF);
  writeFileSync(join(dir, 'throws-in-hooks.ts'), THROWS_IN_HOOKS);
  writeFileSync(join(dir, 'plain.mjs'), plainJs('plain-mjs'));
  writeFileSync(join(dir, 'plain.js'), plainJs('plain-js'));
  writeFileSync(join(dir, 'ref.mts'), FILE_REF.replace("name: 'file-ref'", "name: 'file-ref-mts'"));
  for (const [name, text] of Object.entries(BROKEN)) writeFileSync(join(dir, name), text);
  return dir;
}

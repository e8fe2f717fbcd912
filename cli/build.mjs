// Compile ahead: every non-test TypeScript file of the project becomes one ES module
// under dist/ (same tree), so the `arena` bin starts with plain node and no transpiler.
// esbuild only strips types (the typecheck is `npm run typecheck`). Two rewrites make a
// compiled file behave as its source: relative imports of `.ts` files name the `.js`
// output, and `import.meta.url` / `import.meta.dirname` name the source file's place, so
// code that finds scenarios or reports next to itself still does.
// Each build goes into its own dist/<id>/ (id: a digest of the sources' sizes and
// mtimes, also kept as its manifest) and dist/current names the one to run, replaced by
// a rename: several processes may build at once (tests spawn the bin side by side) and
// none ever sees a half-written tree. Older builds are removed once a newer one is current.
// Run by `npm ci` / `npm install` (the `prepare` script) and by the bin when stale.
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = join(ROOT, 'dist');
/** dist/current: the id of the build to run. */
export const CURRENT = join(DIST, 'current');
/** The folders that hold the project's code (package.json "files" of a published copy). */
export const CODE_DIRS = ['core', 'designs', 'scenarios', 'bench', 'cli', 'reports'];

/** Every source file the build compiles, relative to ROOT with '/' separators, sorted. */
export function sourceFiles() {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(rel);
      } else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
    }
  };
  for (const d of CODE_DIRS) walk(d);
  return out.sort();
}

/** What the manifest records of a source: enough to see that it changed. */
function stamp(rel) {
  const st = statSync(join(ROOT, rel));
  return [rel, st.size, Math.trunc(st.mtimeMs)];
}

/** The id of the build that the sources as they are now give. */
function buildId(stamps) {
  return createHash('sha256').update(JSON.stringify(stamps)).digest('hex').slice(0, 16);
}

/** The current build's id, or null when there is none. */
function currentId() {
  try {
    return readFileSync(CURRENT, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** The folder of the build to run for the sources as they are, or null when that build is missing. */
export function freshBuild() {
  const id = currentId();
  if (!id || buildId(sourceFiles().map(stamp)) !== id) return null;
  return join(DIST, id);
}

/** The compiled text of one source: esbuild's output with imports and import.meta rewritten. */
function rewrite(code, rel) {
  // Compiled files live at dist/<id>/<rel>: two folders below the root, plus rel's own.
  const back = relative(dirname(join('dist', 'id', rel)), rel).split(sep).join('/');
  const srcUrl = `new URL(${JSON.stringify(back)}, import.meta.url).href`;
  const head = code.includes('import.meta.dirname')
    ? 'import { fileURLToPath as __arena_fp } from "node:url"; import { dirname as __arena_dn } from "node:path";\n' +
      'const __arena_dirname = (u) => __arena_dn(__arena_fp(u));\n'
    : '';
  return head + code
    .replace(/((?:from|import)\s*\(?\s*["'])(\.{1,2}\/[^"']+?)\.ts(["'])/g, '$1$2.js$3')
    .replace(/import\.meta\.(url|dirname)\b/g, (_m, what) => (what === 'url' ? srcUrl : `__arena_dirname(${srcUrl})`));
}

/** Compile every source into dist/<id>/ and make it current; returns that folder. */
export async function build() {
  const { transform } = await import('esbuild');
  const files = sourceFiles();
  const stamps = files.map(stamp);
  const id = buildId(stamps);
  const dest = join(DIST, id);
  const tmp = join(DIST, `.tmp-${randomBytes(8).toString('hex')}`);
  try {
    await Promise.all(files.map(async (rel) => {
      const src = readFileSync(join(ROOT, rel), 'utf8');
      const out = await transform(src, { loader: 'ts', format: 'esm', target: 'node20', sourcefile: rel });
      const file = join(tmp, rel.replace(/\.ts$/, '.js'));
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, rewrite(out.code, rel));
    }));
    writeFileSync(join(tmp, 'manifest.json'), `${JSON.stringify({ files: stamps })}\n`);
    writeFileSync(join(tmp, 'package.json'), '{ "type": "module" }\n');
    try {
      renameSync(tmp, dest);
    } catch {
      // Another process built the same sources first: its copy is as good as ours.
      rmSync(tmp, { recursive: true, force: true });
    }
    const ptr = join(DIST, `.current-${randomBytes(8).toString('hex')}`);
    writeFileSync(ptr, `${id}\n`, { flag: 'wx' });
    renameSync(ptr, CURRENT);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  removeOldBuilds(id);
  return dest;
}

/** Remove builds other than `keep` and temp folders of builds that are long gone. */
function removeOldBuilds(keep) {
  const hour = Date.now() - 3600_000;
  for (const e of readdirSync(DIST, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name === keep) continue;
    const p = join(DIST, e.name);
    // A build another process may still be importing, or writing, is left for a later run.
    if (statSync(p).mtimeMs < hour) rmSync(p, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = await build();
  process.stdout.write(`built ${sourceFiles().length} modules into ${relative(ROOT, dir)}\n`);
}

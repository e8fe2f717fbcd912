// Module resolve hook (node:module register), registered by designs/load-module.ts
// before it imports a user's design module:
// - 'pfnmap-arena/<x>' resolves through this package's "exports" to the copy of the code
//   that is running (the compiled build under dist/, or the sources), from any
//   directory, so a design anywhere imports 'pfnmap-arena/design' and shares the one core;
// - a .ts or .js file outside node_modules that no package.json declares CommonJS is an ES
//   module (a design file in /tmp has no package.json; Node would take it for CommonJS).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const EXPORTS = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).exports ?? {};
let root = new URL('../', import.meta.url).href;
let ext = '.ts';

/** data: { root: URL of the running tree (ends with /), ext: '.js' for a compiled build }. */
export function initialize(data) {
  if (data && typeof data.root === 'string') root = data.root;
  if (data && typeof data.ext === 'string') ext = data.ext;
}

function declaredType(file) {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        return JSON.parse(readFileSync(pkg, 'utf8')).type;
      } catch {
        return undefined;
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export async function resolve(specifier, context, next) {
  if (specifier === 'pfnmap-arena' || specifier.startsWith('pfnmap-arena/')) {
    const target = EXPORTS[`.${specifier.slice('pfnmap-arena'.length)}`];
    if (typeof target === 'string' && target.endsWith('.ts')) {
      return { url: new URL(target.replace(/\.ts$/, ext), root).href, format: 'module', shortCircuit: true };
    }
    return next(specifier, context);
  }
  const r = await next(specifier, context);
  if (r.format !== 'commonjs' || !r.url.startsWith('file:')) return r;
  // tsx marks a CommonJS child of an ES module with query strings (some percent-encoded).
  const clean = decodeURIComponent(new URL(r.url).pathname).replace(/\?.*$/, '');
  if (!/\.[jt]s$/.test(clean) || clean.includes('/node_modules/') || declaredType(clean) !== undefined) return r;
  return { ...r, url: pathToFileURL(clean).href, format: 'module' };
}

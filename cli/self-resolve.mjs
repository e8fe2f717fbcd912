// Module resolve hook (node:module register), after tsx's:
// - 'pfnmap-arena' and 'pfnmap-arena/<x>' resolve through this package's own "exports"
//   from anywhere, so a design file in any directory can import 'pfnmap-arena/design'
//   with nothing installed next to it;
// - a .ts file outside node_modules that no package.json declares CommonJS is an ES
//   module (a design file in /tmp has no package.json; Node would take it for CommonJS).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const SELF = new URL('../package.json', import.meta.url).href;

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
  if (specifier === 'pfnmap-arena' || specifier.startsWith('pfnmap-arena/')) return next(specifier, { ...context, parentURL: SELF });
  const r = await next(specifier, context);
  if (r.format !== 'commonjs' || !r.url.startsWith('file:')) return r;
  // tsx marks a CommonJS child of an ES module with query strings (some percent-encoded).
  const clean = decodeURIComponent(new URL(r.url).pathname).replace(/\?.*$/, '');
  if (!clean.endsWith('.ts') || clean.includes('/node_modules/') || declaredType(clean) !== undefined) return r;
  return { ...r, url: pathToFileURL(clean).href, format: 'module' };
}

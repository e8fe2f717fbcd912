// The scenarios of scenarios/ as `arena list` needs them, read from the parse cache
// (parse-cache.ts) when every file is in it, so listing loads neither yaml nor zod nor
// the runner. Undefined when some file is not cached (new, edited, or the loader
// changed): the caller then loads through the parser, which also refills the cache.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedParse } from './parse-cache.ts';
import type { ScenarioT } from './schema.ts';

const DIR = dirname(fileURLToPath(import.meta.url));

export function cachedScenarios(): ScenarioT[] | undefined {
  const out: ScenarioT[] = [];
  const ids = new Set<string>();
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.yaml')).sort()) {
    const file = join(DIR, f);
    const s = cachedParse(file, readFileSync(file, 'utf8')) as ScenarioT | undefined;
    // A repeated id is the loader's error to report, with its message.
    if (s === undefined || ids.has(s.id)) return undefined;
    ids.add(s.id);
    out.push(s);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

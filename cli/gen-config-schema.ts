// Writes arena.config.schema.json from the zod schema of arena.config.json (cli/config.ts).
// Run: npx tsx cli/gen-config-schema.ts   (a test checks the committed file is current)
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ArenaConfig } from './config.ts';

export const CONFIG_SCHEMA_PATH = join(import.meta.dirname, '..', 'arena.config.schema.json');

export function configJsonSchemaText(): string {
  const schema = {
    ...z.toJSONSchema(ArenaConfig, { io: 'input', target: 'draft-2020-12' }),
    title: 'pfnmap-arena project config (arena.config.json)',
    description: 'Generated from cli/config.ts by cli/gen-config-schema.ts; do not edit.',
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(CONFIG_SCHEMA_PATH, configJsonSchemaText());
  process.stdout.write(`wrote ${CONFIG_SCHEMA_PATH}\n`);
}

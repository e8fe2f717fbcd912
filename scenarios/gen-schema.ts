// Writes scenarios/scenario.schema.json from the zod schema, so editors can validate
// and complete scenario files (`# yaml-language-server: $schema=./scenario.schema.json`).
// The schema describes the file as written (zod's input side: defaulted fields are
// optional). Run: npx tsx scenarios/gen-schema.ts   (--check: exit 1 if stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SCENARIOS_DIR } from './load.ts';
import { DeviceSetup, Expect, InnerStep, RepeatableStep, ResetInnerStep, Scenario, Step, U64, U64_EXPECTED } from './schema.ts';

export const SCHEMA_JSON_PATH = join(SCENARIOS_DIR, 'scenario.schema.json');

type Shape = Readonly<Record<string, z.core.$ZodType>>;
const shapeOf = (s: z.core.$ZodType): Shape => (s._zod.def as unknown as { shape?: Shape }).shape ?? {};
const elementOf = (s: z.core.$ZodType | undefined): z.core.$ZodType | undefined =>
  s && (s._zod.def as unknown as { element?: z.core.$ZodType }).element;

/** Names for the parts used more than once, so `$defs` reads `step-mmap`, not `__schema8`. */
function names(): z.core.$ZodRegistry<{ id: string }> {
  const reg = z.registry<{ id: string }>();
  const add = (s: z.core.$ZodType | undefined, id: string): void => {
    if (s && !reg.has(s)) reg.add(s, { id });
  };
  add(Step, 'step');
  add(InnerStep, 'inner-step');
  add(ResetInnerStep, 'reset-inner-step');
  add(Expect, 'expect');
  add(U64, 'u64');
  add(RepeatableStep, 'repeatable-step');
  // MAP_DMA without `during`: in a reset's window and in a repeat.
  add(RepeatableStep.options.find((o) => o.shape.kind.value === 'map-dma'), 'map-dma-once');
  // The plain symbol (a task or device name); some steps wrap it in optional().
  const open = Step.options.find((o) => o.shape.kind.value === 'open-device');
  add(open && shapeOf(open).task, 'symbol');
  for (const o of Step.options) {
    const shape = shapeOf(o);
    add(o, `step-${o.shape.kind.value}`);
    add(shape.iova, 'bytes');
    if (o.shape.kind.value === 'munmap') add(shape.offset, 'offset');
    add(shape.expect, 'step-expect');
    add(shape.note, 'note');
    add(elementOf(shape.bars), 'hot-plug-bar');
    // Fields the windowed steps (reset, map-dma) share with their inner forms.
    add(shape.kind, `kind-${o.shape.kind.value}`);
    add(shape.read, 'dma-read-flag');
    add(shape.write, 'dma-write-flag');
    add(shape.rawVaddr, 'raw-vaddr');
    if (o.shape.kind.value === 'map-dma') add(shape.container, 'map-dma-container');
  }
  for (const o of DeviceSetup.options) {
    add(o, `device-${o.shape.type.value}`);
    add(elementOf(shapeOf(o).bars), 'bar');
  }
  return reg;
}

export function scenarioJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(Scenario, {
      io: 'input', target: 'draft-2020-12', reused: 'ref', metadata: names(),
      // A __u64 is parsed exactly by the loader; JSON Schema can only say "integer".
      override(ctx) {
        if (ctx.zodSchema === U64) Object.assign(ctx.jsonSchema, { type: 'integer', minimum: 0, description: U64_EXPECTED });
      },
    }),
    title: 'pfnmap-arena scenario',
    description: 'One scenario file (scenarios/<id>.yaml). Generated from scenarios/schema.ts by scenarios/gen-schema.ts; do not edit.',
  };
}

/** The file's exact text: 2-space JSON with a trailing newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const text = scenarioJsonSchemaText();
  if (process.argv.includes('--check')) {
    let old = '';
    try {
      old = readFileSync(SCHEMA_JSON_PATH, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (old !== text) {
      process.stderr.write(`${SCHEMA_JSON_PATH} is stale: run npx tsx scenarios/gen-schema.ts\n`);
      process.exitCode = 1;
    }
  } else {
    writeFileSync(SCHEMA_JSON_PATH, text);
    process.stdout.write(`wrote ${SCHEMA_JSON_PATH}\n`);
  }
}

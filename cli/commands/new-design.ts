// arena new-design <name> [--dir d] [--from <design>]: write a working design folder
// <d>/<name>/ (index.ts, README.md with its obligations table, index.test.ts) that runs
// every scenario as it stands. --from starts from a copy of a registered design's code.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { DESIGN_NAMES, getDesign, isDesignName } from '../../designs/registry.ts';
import { OutputError, checkOutputDir, fsReason, tempName } from '../../reports/index.ts';
import { EXIT, UsageError, type ExitCode } from '../exit.ts';
import type { Io } from '../io.ts';
import { scaffold } from '../scaffold.ts';
import type { CommandContext } from './types.ts';

export interface NewDesignOptions {
  readonly dir?: string;
  readonly from?: string;
}

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Writes the folder (all files into a temporary sibling, then one rename: nothing half-written). */
export function newDesignCommand(name: string, opts: NewDesignOptions, io: Io, cwd: string = process.cwd()): ExitCode {
  if (!KEBAB.test(name)) throw new UsageError(`new-design: the name "${name}" must be kebab-case, e.g. my-idea`, 'bad-name');
  if (isDesignName(name)) throw new UsageError(`new-design: "${name}" is the name of a built-in design; give yours another`, 'bad-name');
  if (opts.from !== undefined && !isDesignName(opts.from)) {
    throw new UsageError(`new-design: --from wants a built-in design, got "${opts.from}"; designs: ${DESIGN_NAMES.join(', ')}`, 'unknown-design');
  }
  const parent = resolve(cwd, opts.dir ?? '.');
  const target = join(parent, name);
  if (existsSync(target)) throw new UsageError(`new-design: ${target} already exists`, 'exists');
  checkOutputDir('--dir', parent);
  const shown = relative(cwd, target).startsWith('..') ? target : relative(cwd, target) || '.';
  const files = scaffold(name, shown, opts.from !== undefined && isDesignName(opts.from) ? getDesign(opts.from) : null);
  // An unpredictable name, made exclusively (mkdir fails on anything planted there), then one rename.
  const tmp = join(parent, tempName());
  try {
    mkdirSync(parent, { recursive: true });
    mkdirSync(tmp, { mode: 0o755 });
    for (const [path, text] of files) {
      mkdirSync(dirname(join(tmp, path)), { recursive: true });
      writeFileSync(join(tmp, path), text, { flag: 'wx' });
    }
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw new OutputError(`new-design: cannot write ${target}: ${fsReason(e)}`, target);
  }
  io.out(`wrote ${shown}/ (${files.map(([p]) => p).join(', ')})\n`);
  io.out(`try: npx arena run bar-map-dma --design ${shown}/index.ts\n     npx vitest run ${shown}\n`);
  return EXIT.ok;
}

/** `arena new-design`, as registered in new-design.command.ts. */
export async function action(ctx: CommandContext, name: string, opts: NewDesignOptions): Promise<void> {
  ctx.exit(newDesignCommand(name, opts, ctx.io));
}

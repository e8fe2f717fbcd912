// The GitHub Actions workflows run only commands that exist: every `npx arena <command>`
// is a command of cli/commands with flags it has, every `npm <script>` a script of
// package.json. ci.yml runs what .ci/run runs and uploads reports/; fuzz.yml shards with
// --shard i/n over a matrix of n and merges with report --merge.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bufferIo } from './io.ts';
import { buildProgram } from './program.ts';
import { ROOT } from './testing.ts';

interface Step {
  readonly run?: string;
  readonly uses?: string;
  readonly with?: Readonly<Record<string, unknown>>;
}
interface Workflow {
  readonly jobs: Readonly<Record<string, { readonly steps: readonly Step[]; readonly strategy?: { readonly matrix?: Readonly<Record<string, unknown>> } }>>;
}

const DIR = join(ROOT, '.github', 'workflows');
const workflow = (name: string): Workflow => parse(readFileSync(join(DIR, name), 'utf8')) as Workflow;
const runs = (w: Workflow): string[] => Object.values(w.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? s.run.split('\n') : []))).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));

/** Shell words of a command line (quotes stripped; enough for these files). */
const words = (line: string): string[] => [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');

/** Problems with one line: an arena command or flag that does not exist, an npm script that does not. */
function problems(line: string): string[] {
  const program = buildProgram(bufferIo(), () => undefined);
  const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);
  const out: string[] = [];
  for (const part of line.split(/&&|\|\||;|\|/).map((p) => words(p.trim()))) {
    if (part[0] === 'npx' && part[1] === 'arena') {
      const cmd = program.commands.find((c) => c.name() === part[2]);
      if (!cmd) {
        out.push(`${line}: no arena command "${part[2] ?? ''}"`);
        continue;
      }
      const flags = new Set(cmd.options.flatMap((o) => [o.long, o.short].filter((x): x is string => x !== undefined)));
      for (const w of part.slice(3)) if (w.startsWith('-') && !flags.has(w.split('=')[0] ?? w)) out.push(`${line}: arena ${part[2]} has no flag ${w}`);
    } else if (part[0] === 'npm' && part[1] !== 'ci' && part[1] !== 'install') {
      const script = part[1] === 'run' ? part[2] : part[1];
      if (!scripts.includes(script ?? '')) out.push(`${line}: no npm script "${script ?? ''}"`);
    }
  }
  return out;
}

const arenaCommands = (lines: readonly string[]): string[] => lines.filter((l) => /^npx arena /.test(l)).map((l) => words(l).slice(0, 3).join(' '));

describe('the GitHub Actions workflows', () => {
  it('exist: ci and fuzz', () => {
    expect(readdirSync(DIR).sort()).toEqual(['ci.yml', 'fuzz.yml']);
  });

  it.each(['ci.yml', 'fuzz.yml'])('%s runs only arena commands, flags and npm scripts that exist', (name) => {
    const lines = runs(workflow(name));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.flatMap(problems)).toEqual([]);
  });

  it('the checker itself finds a command or flag that does not exist', () => {
    expect(problems('npx arena frob')).toEqual(['npx arena frob: no arena command "frob"']);
    expect(problems('npx arena gate --jnuit x')).toEqual(['npx arena gate --jnuit x: arena gate has no flag --jnuit']);
    expect(problems('npm run nope')).toEqual(['npm run nope: no npm script "nope"']);
  });

  it('ci.yml runs the arena commands of .ci/run and uploads reports/', () => {
    const ci = runs(workflow('ci.yml'));
    const local = readFileSync(join(ROOT, '.ci', 'run'), 'utf8').split('\n').map((l) => l.trim());
    expect(arenaCommands(ci)).toEqual(arenaCommands(local));
    expect(ci).toContain('npm test');
    const uploads = Object.values(workflow('ci.yml').jobs).flatMap((j) => j.steps).filter((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(uploads.map((s) => s.with?.path)).toEqual(['reports/']);
  });

  it('fuzz.yml: a shard per matrix entry (--shard i/n with n the matrix size), merged by report --merge', () => {
    const w = workflow('fuzz.yml');
    const shards = Object.values(w.jobs).map((j) => j.strategy?.matrix?.shard).find((s) => Array.isArray(s)) as number[] | undefined;
    const lines = runs(w);
    const fuzz = lines.find((l) => l.startsWith('npx arena fuzz')) ?? '';
    expect(fuzz).toMatch(new RegExp(`--shard \\$\\{\\{ matrix\\.shard \\}\\}/${shards?.length ?? 0} `));
    expect(shards).toEqual(Array.from({ length: shards?.length ?? 0 }, (_, i) => i + 1));
    const merge = lines.find((l) => l.startsWith('npx arena report --merge')) ?? '';
    expect(words(merge).filter((x) => x.startsWith('fuzz/'))).toHaveLength(shards?.length ?? -1);
  });
});

// The bad inputs every `arena` command must answer with exit 2 and one line naming what
// and where (issue 17): scenario files, flags, baselines, findings.json, output paths.
// Shared by the in-process test and the real-binary test. Each case gets a fresh
// scratch directory; `setup` writes its files there and returns the case.
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BadInput {
  readonly name: string;
  readonly args: readonly string[];
  /** The one stderr line must match this. */
  readonly says: RegExp;
  readonly env?: Readonly<Record<string, string>>;
  /** Paths that must not exist afterwards (outputs of the command). */
  readonly notWritten?: readonly string[];
}

const HEAD = 'id: bad\ntitle: t\ncategory: correctness\norigin: test\ndescription: d\nsetup:\n  devices:\n    - { type: pci, name: gpu, bars: [{ size: 0x100000, kind: mem32 }] }\n  tasks: [qemu]\n';
const STEPS = 'steps:\n  - { kind: open-device, task: qemu, device: gpu, as: gpufd }\n  - { kind: mmap, task: qemu, fd: gpufd, region: 0, length: 0x100000, as: bar0 }\n';
const step = (line: string): string => `${HEAD}${STEPS}  - ${line}\n`;

function aliasBomb(): string {
  const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
}

const FINDINGS_OK_HEAD = '{"version": 1, "seed": 1, "runs": 1, "maxSteps": 20, "shard": {"index": 1, "count": 1}, "mode": "single"';

/** The cases, each a function that sets itself up in `dir` (a fresh empty directory per case). */
function makers(dir: string): Array<() => BadInput> {
  const f = (name: string, text: string | Buffer): string => {
    const p = join(dir, name);
    // A scenario's id is its file name (the loader says so otherwise).
    writeFileSync(p, typeof text === 'string' ? text.replace(/^id: bad$/m, `id: ${name.replace(/\.yaml$/, '')}`) : text);
    return p;
  };
  const file = (): string => f('a-file', 'not a directory\n');
  const merge = (findings: string | Buffer): string => {
    mkdirSync(join(dir, 'shard'), { recursive: true });
    f('shard/findings.json', findings);
    return join(dir, 'shard');
  };
  const baseline = (text: string): string => f('baseline.json', text);
  const out = join(dir, 'out');
  const cases: Array<() => BadInput> = [
    () => ({ name: 'alias bomb', args: ['run', f('bomb.yaml', aliasBomb())], says: /bomb\.yaml: \(top level\): YAML aliases expand too far/ }),
    () => ({ name: '!!js/function tag', args: ['run', f('tag.yaml', step('{ kind: cpu-read, task: qemu, addr: !!js/function "x" }'))], says: /tag\.yaml: .*unknown YAML tag !!js\/function.*\(line 13\)/ }),
    () => ({ name: 'custom tag', args: ['run', f('tag2.yaml', step('{ kind: cpu-read, task: qemu, addr: !foo bar0 }'))], says: /unknown YAML tag !foo/ }),
    () => ({ name: 'binary file', args: ['run', f('blob.yaml', Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(8192, 0x41)]))], says: /blob\.yaml: \(top level\): not a text file \(a NUL byte at byte 7\)/ }),
    () => ({ name: 'latin-1 file', args: ['run', f('latin.yaml', Buffer.from('id: caf\xe9\n', 'latin1'))], says: /latin\.yaml: .*bytes that are not UTF-8/ }),
    () => ({ name: '.nan', args: ['run', f('nan.yaml', step('{ kind: map-dma, task: qemu, addr: bar0, iova: 0, size: .nan }'))], says: /nan\.yaml: steps\[2\]\.size: invalid value \.nan/ }),
    () => ({ name: '.inf', args: ['run', f('inf.yaml', step('{ kind: map-dma, task: qemu, addr: bar0, iova: .inf, size: 4096 }'))], says: /inf\.yaml: steps\[2\]\.iova: invalid value \.inf/ }),
    () => ({ name: 'huge number', args: ['run', f('huge.yaml', step('{ kind: map-dma, task: qemu, addr: bar0, iova: 0, size: 1e400 }'))], says: /huge\.yaml: steps\[2\]\.size: invalid value \.inf \(a number too large/ }),
    () => ({ name: 'duplicate as:', args: ['run', f('dup.yaml', step('{ kind: mmap, task: qemu, fd: gpufd, region: 0, length: 4096, as: bar0 }'))], says: /dup\.yaml: steps\[2\]\.as: "bar0" is already bound at steps\[1\]/ }),
    () => ({ name: 'unknown errno', args: ['run', f('errno.yaml', step('{ kind: map-dma, task: qemu, addr: bar0, iova: 0, size: 4096, expect: ENOPE }'))], says: /errno\.yaml: steps\[2\]\.expect: unknown errno "ENOPE"/ }),
    () => ({ name: 'over the step budget', args: ['run', f('long.yaml', `${HEAD}${STEPS}${'  - { kind: cpu-read, task: qemu, addr: bar0 }\n'.repeat(199)}`)], says: /long\.yaml: steps: 201 steps .*exceed the step budget of 200/ }),
    () => ({ name: 'YAML syntax error', args: ['run', f('syntax.yaml', `${HEAD}steps: [\n`)], says: /syntax\.yaml: line \d+, column \d+: YAML syntax error/ }),
    () => ({ name: 'unknown step kind', args: ['run', f('kind.yaml', step('{ kind: frob, task: qemu }'))], says: /kind\.yaml: steps\[2\]\.kind: invalid value "frob"/ }),
    () => ({ name: 'scenario file missing', args: ['run', join(dir, 'nope.yaml')], says: /nope\.yaml: no such scenario file/ }),
    () => {
      mkdirSync(join(dir, 'dir.yaml'));
      return { name: 'a directory as scenario', args: ['run', join(dir, 'dir.yaml')], says: /dir\.yaml: is a directory, not a scenario file/ };
    },
    () => ({ name: 'explain a binary file', args: ['explain', f('blob2.yaml', Buffer.from([0, 1, 2, 3])), '--design', 'status-quo'], says: /blob2\.yaml: \(top level\): not a text file/ }),
    () => ({ name: 'faults on an alias bomb', args: ['faults', f('bomb2.yaml', aliasBomb())], says: /bomb2\.yaml: \(top level\): YAML aliases expand too far/ }),
    () => ({ name: '--design a,a', args: ['run', 'bar-map-dma', '--design', 'status-quo,status-quo'], says: /--design "status-quo,status-quo": "status-quo" given twice/ }),
    () => ({ name: '--design a,,b', args: ['run', 'bar-map-dma', '--design', 'status-quo,,driver-op'], says: /--design "status-quo,,driver-op": an empty name between commas/ }),
    () => ({ name: '--design ,', args: ['run', 'bar-map-dma', '--design', ','], says: /--design: no design given/ }),
    () => ({ name: '--design unknown', args: ['run', 'bar-map-dma', '--design', 'nope'], says: /unknown design "nope"; designs: / }),
    () => ({ name: 'mistakes --design a,,b', args: ['mistakes', '--design', 'status-quo,,driver-op'], says: /an empty name between commas/ }),
    () => ({ name: 'run --seed 2^32', args: ['run', 'bar-map-dma', '--seed', '4294967296'], says: /--seed 4294967296 is beyond 2\^32-1/ }),
    () => ({ name: 'run --seed -1', args: ['run', 'bar-map-dma', '--seed', '-1'], says: /--seed wants a non-negative integer, got "-1"/ }),
    () => ({ name: 'run --seed 1.5', args: ['run', 'bar-map-dma', '--seed', '1.5'], says: /--seed wants a non-negative integer, got "1\.5"/ }),
    () => ({ name: 'fuzz --seed 4294967303', args: ['fuzz', '--seed', '4294967303', '--runs', '1', '--out', out], says: /it would replay seed 7/, notWritten: [out] }),
    () => ({ name: 'fuzz --runs 0', args: ['fuzz', '--runs', '0', '--out', out], says: /--runs wants a whole number from 1/, notWritten: [out] }),
    () => ({ name: 'fuzz --shard 3/2', args: ['fuzz', '--shard', '3/2', '--out', out], says: /shard/, notWritten: [out] }),
    () => ({ name: 'fuzz --out regular file', args: ['fuzz', '--runs', '1', '--out', file()], says: /--out .*a-file: is a file, expected a directory/ }),
    () => ({ name: 'fuzz --out read-only fs', args: ['fuzz', '--runs', '1', '--out', '/proc/arena-fuzz'], says: /--out \/proc\/arena-fuzz: cannot write in \/proc/ }),
    () => ({ name: 'report --out ""', args: ['report', '--out', ''], says: /--out: empty path; expected a directory/ }),
    () => ({ name: 'report --out regular file', args: ['report', '--out', file()], says: /--out .*a-file: is a file, expected a directory/ }),
    () => ({ name: 'report --out under a file', args: ['report', '--out', join(file(), 'sub')], says: /--out .*a-file\/sub: .*a-file is not a directory/ }),
    () => ({ name: 'report --out read-only fs', args: ['report', '--out', '/proc/arena-report'], says: /--out \/proc\/arena-report: cannot write in \/proc: / }),
    () => ({ name: 'report --merge without findings', args: ['report', '--merge', dir, '--out', out], says: /findings\.json: no findings\.json there/, notWritten: [out] }),
    () => ({ name: 'report --merge truncated', args: ['report', '--merge', merge(`${FINDINGS_OK_HEAD}, "desi`), '--out', out], says: /shard\/findings\.json: not JSON \(truncated\?\)/, notWritten: [out] }),
    () => ({ name: 'report --merge wrong schema', args: ['report', '--merge', merge('{"version": 1, "findings": 3}'), '--out', out], says: /shard\/findings\.json: not a findings\.json of arena fuzz: at /, notWritten: [out] }),
    () => ({ name: 'report --merge binary', args: ['report', '--merge', merge(Buffer.from([0, 0xff, 0x13])), '--out', out], says: /shard\/findings\.json: not JSON/, notWritten: [out] }),
    () => ({ name: 'report --seed x', args: ['report', '--seed', 'x', '--out', out], says: /--seed wants a non-negative integer/, notWritten: [out] }),
    () => ({ name: 'bench --out regular file', args: ['bench', '--quick', '--out', file()], says: /--out .*a-file: is a file, expected a directory/ }),
    () => ({ name: 'bench --out read-only fs', args: ['bench', '--quick', '--out', '/proc/arena-bench'], says: /--out \/proc\/arena-bench: cannot write in \/proc/ }),
    () => ({ name: 'bench --suite unknown', args: ['bench', '--suite', 'nope', '--out', out], says: /unknown suite "nope"/, notWritten: [out] }),
    () => ({ name: 'gate baseline missing', args: ['gate', '--baseline', join(dir, 'none.json')], says: /none\.json: no baseline file/ }),
    () => ({ name: 'gate baseline truncated', args: ['gate', '--baseline', baseline('{"version": 1, "seed": 1, "cel')], says: /baseline\.json: not JSON/ }),
    () => ({ name: 'gate baseline wrong schema', args: ['gate', '--baseline', baseline('{"version": 1, "seed": 1, "cells": {"bar-map-dma": {"status-quo": "exploded"}}}')], says: /baseline\.json: not a valid baseline: at cells\.bar-map-dma\.status-quo: / }),
    () => ({ name: 'gate baseline unknown design', args: ['gate', '--baseline', baseline('{"version": 1, "seed": 1, "cells": {"bar-map-dma": {"ghost": "ok"}}}')], says: /baseline\.json: at cells\.bar-map-dma\.ghost: unknown design "ghost"/ }),
    () => ({ name: 'gate baseline binary', args: ['gate', '--baseline', baseline('\u0000\u0001')], says: /baseline\.json: not JSON/ }),
    () => ({ name: 'gate --junit a directory', args: ['gate', '--junit', dir], says: /--junit .*: is a directory, expected a file/ }),
    () => ({ name: 'gate --junit under a file', args: ['gate', '--junit', join(file(), 'j.xml')], says: /--junit .*a-file\/j\.xml: .*a-file is not a directory/ }),
    () => ({ name: 'gate --junit read-only fs', args: ['gate', '--junit', '/proc/arena-j.xml'], says: /--junit \/proc\/arena-j\.xml: cannot write in \/proc/ }),
    () => ({ name: 'gate --junit /dev/full', args: ['gate', '--junit', '/dev/full'], says: /--junit \/dev\/full: is a character device; expected a regular file or a new name/ }),
    () => ({ name: 'gate --junit /dev/stdout', args: ['gate', '--junit', '/dev/stdout'], says: /--junit \/dev\/stdout: is a symbolic link; expected a regular file/ }),
    () => ({ name: 'gate --junit ""', args: ['gate', '--junit', ''], says: /--junit: empty path; expected a file name/ }),
    () => ({ name: 'gate --update into a directory', args: ['gate', '--update', '--baseline', dir], says: /--baseline .*: is a directory, expected a file/ }),
    () => ({ name: 'gate step summary unwritable', args: ['gate'], env: { GITHUB_STEP_SUMMARY: '/proc/arena-summary/s.md' }, says: /GITHUB_STEP_SUMMARY \/proc\/arena-summary\/s\.md: / }),
    () => ({ name: 'gate --seed 2^40', args: ['gate', '--seed', String(2 ** 40)], says: /--seed 1099511627776 is beyond 2\^32-1/ }),
    () => ({ name: 'new-design --dir a regular file', args: ['new-design', 'my-idea', '--dir', file()], says: /--dir .*a-file: is a file, expected a directory/ }),
    () => ({ name: 'new-design --dir read-only fs', args: ['new-design', 'my-idea', '--dir', '/proc/arena-nd'], says: /--dir \/proc\/arena-nd: cannot write in \/proc/ }),
    () => ({ name: 'run --format xml', args: ['run', 'bar-map-dma', '--format', 'xml'], says: /xml/ }),
    () => ({ name: 'unknown option', args: ['list', '--frobnicate'], says: /unknown option '--frobnicate'/ }),
    () => ({ name: 'explain without --design', args: ['explain', 'bar-map-dma'], says: /--design/ }),
  ];
  return cases;
}

/** How many cases there are (nothing is set up to count them). */
export const BAD_INPUT_COUNT = makers('').length;

/** Case `which`, set up in `dir`. */
export function badInput(dir: string, which: number): BadInput {
  const make = makers(dir)[which];
  if (!make) throw new Error(`no case ${which}`);
  return make();
}

/** The names of the files under `dir`, recursively, sorted (to see that nothing was written). */
export function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

/** What every answer to a bad input must be; returns the problems (empty: fine). */
export function answerProblems(c: BadInput, r: { code: number; stdout: string; stderr: string }): string[] {
  const p: string[] = [];
  if (r.code !== 2) p.push(`exit ${r.code}, not 2`);
  const lines = r.stderr.split('\n').filter((l) => l !== '');
  // commander may add its own suggestion line after its one-line error.
  const extra = lines.slice(1).filter((l) => !/^\(Did you mean /.test(l));
  if (lines.length === 0 || extra.length > 0) p.push(`stderr is ${lines.length} lines, not one: ${JSON.stringify(r.stderr.slice(0, 400))}`);
  if (!c.says.test(lines[0] ?? '')) p.push(`stderr ${JSON.stringify(lines[0] ?? '')} does not match ${String(c.says)}`);
  if (/^\s+at /m.test(r.stderr)) p.push('a stack frame on stderr');
  if (r.stdout !== '') p.push(`stdout not empty: ${JSON.stringify(r.stdout.slice(0, 200))}`);
  for (const path of c.notWritten ?? []) if (existsSync(path)) p.push(`${path} was written`);
  return p;
}

// The loader refuses, with a located one-line message, what the schema alone let through
// or crashed on: an alias bomb, unknown YAML tags, a binary file (never echoed), NaN /
// .inf / huge numbers (named as YAML spells them, not "null"), the same `as:` name bound
// twice, and an errno the kernel does not have.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError, loadScenarioFile, parseScenario } from './load.ts';
import { STEP_BUDGET } from './budget.ts';
import { scenarioDoc } from './testing-doc.ts';

const FILE = 'scenarios/foo.yaml';

const doc = scenarioDoc;

function errorOf(f: () => unknown): ScenarioError {
  try {
    f();
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}
const parseError = (text: string): ScenarioError => errorOf(() => parseScenario(text, FILE));

describe('hostile and odd scenario files', () => {
  it('an alias bomb is a YAML error naming the file, not a ReferenceError', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const e = parseError(`${levels.join('\n')}\n`);
    expect(e.code).toBe('YAML');
    expect(e.message).toMatch(/^scenarios\/foo\.yaml: \(top level\): YAML aliases expand too far/);
    expect(e.message.split('\n')).toHaveLength(1);
  });

  it.each(['!!js/function "function () {}"', '!custom 3'])('an unknown tag (%s) is refused with its line', (value) => {
    const e = parseError(doc(`  - { kind: map-dma, task: qemu, addr: bar0, iova: ${value}, size: 4096 }\n`));
    expect(e.code).toBe('YAML');
    expect(e.message).toMatch(/unknown YAML tag !(!js\/function|custom)/);
    expect(e.line).toBe(15);
  });

  it('a binary file is refused without echoing its bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-bin-'));
    const bin = join(dir, 'blob.yaml');
    writeFileSync(bin, Buffer.concat([Buffer.from('id: x\n'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0xff, 0xfe]), Buffer.alloc(4096, 0x41)]));
    const e = errorOf(() => loadScenarioFile(bin));
    expect(e.message).toMatch(/blob\.yaml: \(top level\): not a text file \(a NUL byte at byte 10\); expected a UTF-8 YAML scenario \(line 2\)$/);
    expect(e.message).not.toContain('AAAA');
  });

  it('bytes that are not UTF-8 are refused too', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-bin-'));
    const latin1 = join(dir, 'latin1.yaml');
    writeFileSync(latin1, Buffer.from('id: caf\xe9\n', 'latin1'));
    expect(errorOf(() => loadScenarioFile(latin1)).message).toContain('bytes that are not UTF-8 at byte 7');
  });

  it.each([
    ['.nan', '.nan'], ['.inf', '.inf'], ['1e400', '.inf (a number too large, or infinity)'],
  ])('%s is named as YAML spells it, not "null"', (value, shown) => {
    const e = parseError(doc(`  - { kind: map-dma, task: qemu, addr: bar0, iova: 0, size: ${value} }\n`));
    expect(e.message).toContain(`steps[2].size: invalid value ${shown}`);
    expect(e.message).not.toContain('null');
  });

  it('a long value is cut, not echoed whole', () => {
    const e = parseError(doc(`  - { kind: map-dma, task: qemu, addr: bar0, iova: 0, size: "${'x'.repeat(5000)}" }\n`));
    expect(e.message.length).toBeLessThan(300);
  });

  it('binding the same `as:` name twice is refused at the second binding', () => {
    const e = parseError(doc('  - { kind: mmap, task: qemu, fd: gpufd, region: 0, length: 0x1000, as: bar0 }\n'));
    expect(e.message).toBe('scenarios/foo.yaml: steps[2].as: "bar0" is already bound at steps[1]; expected a name not bound before (line 15)');
  });

  it('an fd and an addr may not share a name either', () => {
    const e = parseError(doc('  - { kind: mmap, task: qemu, fd: gpufd, region: 0, length: 0x1000, as: gpufd }\n'));
    expect(e.path).toBe('steps[2].as');
  });

  it('an errno the kernel does not have is refused, with the nearest one', () => {
    const e = parseError(doc('  - { kind: map-dma, task: qemu, addr: bar0, iova: 0, size: 4096, expect: EINVALL }\n'));
    expect(e.message).toMatch(/steps\[2\]\.expect: unknown errno "EINVALL" \(did you mean "EINVAL"\?\); expected "ok" or an errno the simulated kernel returns: .*EFAULT.*EINVAL/);
  });

  it('a directory given as a scenario file is named as one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'arena-dir-'));
    expect(errorOf(() => loadScenarioFile(dir)).message).toContain('is a directory, not a scenario file');
  });
});

describe('the step budget at load time', () => {
  const steps = (n: number): string => '  - { kind: cpu-read, task: qemu, addr: bar0 }\n'.repeat(n);

  it(`a file over the budget is refused when loaded, naming the count and the line of steps:`, () => {
    const e = parseError(doc(steps(STEP_BUDGET - 1)));
    expect(e.message).toBe(`scenarios/foo.yaml: steps: ${STEP_BUDGET + 1} steps (inner \`during\` steps included) exceed the step budget of ${STEP_BUDGET}; ` +
      `expected at most ${STEP_BUDGET} steps (scenarios/budget.ts); split the scenario (line 12)`);
  });

  it('inner `during` steps count, and a file at the budget loads', () => {
    expect(parseScenario(doc(steps(STEP_BUDGET - 2)), FILE).steps).toHaveLength(STEP_BUDGET);
    const during = `  - kind: map-dma
    task: qemu
    addr: bar0
    iova: 0
    size: 4096
    during:
${'      - { kind: cpu-read, task: qemu, addr: bar0 }\n'.repeat(2)}`;
    expect(parseError(doc(`${steps(STEP_BUDGET - 4)}${during}`)).message).toContain(`${STEP_BUDGET + 1} steps`);
  });
});

// The loader turns every broken scenario file into one ScenarioError that names the
// file, the path inside it, what was expected and the line.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ScenarioError, closestIds, levenshtein, loadAllScenarios, loadScenarioById, loadScenarioFile, nearestIds, parseScenario,
} from './load.ts';
import { scenarioDoc } from './testing-doc.ts';

const FILE = 'scenarios/foo.yaml';

const doc = scenarioDoc;

function errorOf(text: string, file = FILE): ScenarioError {
  try {
    parseScenario(text, file);
  } catch (e) {
    if (e instanceof ScenarioError) return e;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

describe('schema errors', () => {
  it('accepts the valid base document and fills defaults', () => {
    const s = parseScenario(doc('  - { kind: map-dma, task: qemu, addr: bar0, iova: 0x100000000, size: 0x1000 }\n'), FILE);
    expect(s.id).toBe('foo');
    expect(s.sweepFailNth).toBe(false);
    expect(s.steps[2]).toMatchObject({ kind: 'map-dma', offset: 0, read: true, write: true });
  });

  it('a wrong step kind names the file, steps[i].kind, the value, the choices and the line', () => {
    const e = errorOf(doc('  - { kind: mmapp, task: qemu, length: 4096, as: x }\n'));
    expect(e.code).toBe('SCHEMA');
    expect(e.path).toBe('steps[2].kind');
    expect(e.line).toBe(15);
    expect(e.message).toMatch(/^scenarios\/foo\.yaml: steps\[2\]\.kind: invalid value "mmapp"; expected one of open-device, open-chardev, /);
    expect(e.message).toContain('did you mean "mmap"?');
    expect(e.message).toContain('(line 15)');
  });

  it('map-dma inside `during` is refused with the reason', () => {
    const e = errorOf(doc(`  - kind: map-dma
    task: qemu
    addr: bar0
    iova: 0
    size: 4096
    during:
      - { kind: map-dma, task: qemu, addr: bar0, iova: 4096, size: 4096 }
`));
    expect(e.path).toBe('steps[2].during[0].kind');
    expect(e.message).toContain('map-dma cannot run inside `during`');
  });

  it('a missing field, an unknown key (with a suggestion) and a bad enum are each reported', () => {
    const e = errorOf(doc('  - { kind: mprotect, task: qemu, addr: bar0, lenght: 4096, prot: rwx }\n'));
    const lines = e.message.split('\n');
    expect(lines).toContain('scenarios/foo.yaml: steps[2].length: missing; expected number (line 15)');
    expect(lines.some((l) => l.includes('steps[2]: unknown key "lenght"') && l.includes('did you mean "length"?'))).toBe(true);
    expect(lines.some((l) => l.startsWith('scenarios/foo.yaml: steps[2].prot: invalid value "rwx"; expected one of "none", "r", "rw"'))).toBe(true);
    expect(e.issues).toHaveLength(3);
  });

  it('an expect that is not an errno says both accepted forms', () => {
    const e = errorOf(doc('  - { kind: exit, task: qemu, expect: einval }\n'));
    expect(e.message).toContain('steps[2].expect: invalid value "einval"; expected "ok" or an errno name like "EINVAL"');
  });

  it('a bad top-level field and a bad symbol name', () => {
    const e = errorOf(doc('  - { kind: exit, task: Qemu }\n').replace('category: correctness', 'category: corectness'));
    expect(e.message).toContain('category: invalid value "corectness"; expected one of "correctness", ');
    expect(e.message).toContain('steps[2].task: invalid value "Qemu"; expected a lower-case symbol');
  });

  it('the id must match the file name', () => {
    const e = errorOf(doc('  - { kind: exit, task: qemu }\n'), 'scenarios/bar.yaml');
    expect(e.message).toContain('scenarios/bar.yaml: id: id "foo" differs from the file name; expected "bar" (line 1)');
  });
});

describe('YAML errors', () => {
  it('a syntax error names the line and column', () => {
    const e = errorOf('id: foo\ntitle: [unclosed\ncategory: correctness\n');
    expect(e.code).toBe('YAML');
    expect(e.message).toMatch(/^scenarios\/foo\.yaml: line \d+, column \d+: YAML syntax error: /);
    expect(e.line).toBeGreaterThanOrEqual(2);
  });

  it('a repeated key is a YAML error on its line', () => {
    const e = errorOf('id: foo\nid: bar\n');
    expect(e.code).toBe('YAML');
    expect(e.message).toContain('line 2, column 1');
  });
});

describe('symbol checks', () => {
  it('an unbound fd, addr, task and device each name the step, the symbol and a near match', () => {
    const e = errorOf(doc(`  - { kind: close, task: qemu, fd: gpuf }
  - { kind: munmap, task: qemu, addr: bar, length: 4096 }
  - { kind: exit, task: qem }
  - { kind: dma-write, device: nicc, iova: 0, value: 1 }
`));
    expect(e.code).toBe('SCHEMA');
    const lines = e.message.split('\n');
    expect(lines[0]).toBe('scenarios/foo.yaml: steps[2].fd: fd "gpuf" is not bound (did you mean "gpufd"?); expected an fd bound earlier by `open-device`/`open-chardev`/`open-container`/`open-group`/`get-device-fd ... as:` (line 15)');
    expect(lines[1]).toContain('steps[3].addr: addr "bar" is not bound (did you mean "bar0"?)');
    expect(lines[2]).toContain('steps[4].task: task "qem" is not bound (did you mean "qemu"?)');
    expect(lines[3]).toContain('steps[5].device: device "nicc" is not bound (did you mean "nic"?)');
  });

  it('a symbol used before the step that binds it is unbound', () => {
    const e = errorOf(doc(`  - { kind: cpu-read, task: qemu, addr: later }
  - { kind: mmap, task: qemu, length: 4096, as: later }
`));
    expect(e.path).toBe('steps[2].addr');
  });

  it('fork passes fds and addrs to the child; other tasks may not use them', () => {
    parseScenario(doc(`  - { kind: fork, task: qemu, as: child }
  - { kind: cpu-write, task: child, addr: bar0, value: 1 }
  - { kind: close, task: child, fd: gpufd }
`), FILE);
    const e = errorOf(doc('  - { kind: cpu-read, task: other, addr: bar0 }\n').replace('tasks: [qemu]', 'tasks: [qemu, other]'));
    expect(e.message).toContain('steps[2].addr: addr "bar0" (bound at steps[1]) belongs to "qemu", not "other"');
  });

  it('a task cannot act after it exited; fork cannot reuse a name', () => {
    const e = errorOf(doc(`  - { kind: exit, task: qemu }
  - { kind: cpu-read, task: qemu, addr: bar0 }
  - { kind: fork, task: qemu, as: qemu }
`));
    expect(e.message).toContain('steps[3].task: task "qemu" already exited at steps[2]');
    expect(e.message).toContain('steps[4].as: task "qemu" already exists');
  });

  it('symbols bound inside `during` are visible afterwards', () => {
    const s = parseScenario(doc(`  - kind: map-dma
    task: qemu
    addr: bar0
    iova: 0
    size: 4096
    during:
      - { kind: mmap, task: qemu, length: 4096, as: inner }
  - { kind: cpu-write, task: qemu, addr: inner, value: 1 }
`), FILE);
    expect(s.steps.at(-1)).toMatchObject({ kind: 'cpu-write', addr: 'inner' });
  });

  it('rawVaddr map-dma does not need its addr bound', () => {
    const s = parseScenario(doc('  - { kind: map-dma, task: qemu, addr: none, rawVaddr: 4096, iova: 0, size: 4096 }\n'), FILE);
    expect(s.steps.at(-1)).toMatchObject({ kind: 'map-dma', rawVaddr: 4096n });
  });

  it('hot-plug binds a device; a device still plugged in cannot be hot-plugged again', () => {
    parseScenario(doc(`  - { kind: hot-unplug, device: gpu }
  - { kind: hot-plug, device: gpu, bars: [{ size: 0x100000, kind: mem32 }] }
  - { kind: hot-plug, device: victim, bars: [{ size: 0x100000, kind: mem32 }], driver: none }
  - { kind: dma-read, device: victim, iova: 0 }
`), FILE);
    const e = errorOf(doc('  - { kind: hot-plug, device: nic, bars: [{ size: 0x1000, kind: mem32 }] }\n'));
    expect(e.message).toContain('steps[2].device: device "nic" is still plugged in');
  });

  it('region is only for vfio-pci fds; an mdev issues no DMA; a DMA expects no errno', () => {
    const e = errorOf(doc(`  - { kind: open-device, task: qemu, device: vgpu, as: vfd }
  - { kind: mmap, task: qemu, fd: vfd, region: 0, length: 4096, as: v }
  - { kind: mmap, task: qemu, region: 1, length: 4096, as: anon }
  - { kind: dma-write, device: vgpu, iova: 0, value: 1 }
  - { kind: dma-read, device: nic, iova: 0, expect: EFAULT }
`));
    const lines = e.message.split('\n');
    expect(lines[0]).toContain('steps[3].region: region 0 on fd "vfd", which is not a vfio-pci device');
    expect(lines[1]).toContain('steps[4].region: region 1 on anonymous memory');
    expect(lines[2]).toContain('steps[5].device: "vgpu" is an mdev and issues no DMA');
    expect(lines[3]).toContain('steps[6].expect: a DMA cannot return EFAULT');
  });

  it('BARs must be powers of two and a mem64 BAR needs its upper slot empty', () => {
    const text = doc('  - { kind: exit, task: qemu }\n').replace(
      '{ type: pci, name: nic, bars: [{ size: 0x10000, kind: mem32 }] }',
      '{ type: pci, name: nic, bars: [{ size: 0x18000, kind: mem32 }, { size: 0x10000, kind: mem64 }, { size: 0x1000, kind: mem32 }] }',
    );
    const e = errorOf(text);
    expect(e.message).toContain('setup.devices[1].bars[0].size: BAR size 98304 is not a power of two');
    expect(e.message).toContain('setup.devices[1].bars[1].kind: a mem64 BAR at 1 needs slot 2 for its upper half; expected bars[2] to be null');
  });

  it('a driver mistake must come from the vocabulary', () => {
    const e = errorOf(doc('  - { kind: driver-mistake, driver: vfio-pci, mistake: omit-magic }\n'));
    expect(e.message).toContain('steps[2].mistake: invalid value "omit-magic" (did you mean "omits-magic"?); expected one of omits-magic, ');
    expect(e.message).toContain('(scenarios/mistakes.ts)');
  });

  it('a fault-injection scenario must inject something', () => {
    const e = errorOf(doc('  - { kind: exit, task: qemu }\n').replace('category: correctness', 'category: fault-injection'));
    expect(e.message).toContain('sweepFailNth: a fault-injection scenario injects no fault; expected sweepFailNth: true or a fail-nth step');
    parseScenario(doc('  - { kind: exit, task: qemu }\n', 'sweepFailNth: true\n').replace('category: correctness', 'category: fault-injection'), FILE);
  });
});

describe('files and ids', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = '';
  });
  const write = (rel: string, id: string): void => {
    const body = doc('  - { kind: exit, task: qemu }\n').replace('id: foo', `id: ${id}`);
    writeFileSync(join(dir, rel), body);
  };

  it('loads *.yaml sorted by id; fuzz/ reproducers stay out of the matrix but load by id; other files are ignored', () => {
    dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
    mkdirSync(join(dir, 'fuzz'));
    write('zeta.yaml', 'zeta');
    write('alpha.yaml', 'alpha');
    write('fuzz/mid.yaml', 'mid');
    writeFileSync(join(dir, 'notes.txt'), 'not a scenario');
    expect(loadAllScenarios(dir).map((s) => s.id)).toEqual(['alpha', 'zeta']);
    expect(loadScenarioById('mid', dir).id).toBe('mid');
  });

  it('a fuzz reproducer with the id of a main scenario does not shadow it', () => {
    dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
    mkdirSync(join(dir, 'fuzz'));
    write('same.yaml', 'same');
    write('fuzz/same.yaml', 'same');
    expect(loadAllScenarios(dir).map((s) => s.id)).toEqual(['same']);
    expect(loadScenarioById('same', dir).id).toBe('same');
  });

  it('an unknown id suggests the nearest ids', () => {
    dir = mkdtempSync(join(tmpdir(), 'scenarios-'));
    for (const id of ['bar-map-dma', 'bar-map-huge', 'map-zero-size', 'reset-while-mapped']) write(`${id}.yaml`, id);
    let err: unknown;
    try {
      loadScenarioById('bar-map-dam', dir);
    } catch (e) {
      err = e;
    }
    const e = err as ScenarioError;
    expect(e.code).toBe('UNKNOWN_ID');
    expect(e.nearest[0]).toBe('bar-map-dma');
    expect(e.message).toMatch(/^unknown scenario "bar-map-dam"; did you mean bar-map-dma, /);
  });

  it('missing files and folders are ENOENT', () => {
    expect(() => loadScenarioFile('/nonexistent/x.yaml')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => loadAllScenarios('/nonexistent')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});

describe('nearestIds', () => {
  const ids = ['bar-map-dma', 'bar-map-dma-offset', 'bar-map-huge', 'map-zero-size', 'hot-unplug-reassign'];

  it('ranks substrings first, then edit distance, then name; drops far ones', () => {
    expect(nearestIds('hot-unplug', ids)).toEqual(['hot-unplug-reassign']);
    expect(nearestIds('bar-map-dma', ids, 2)).toEqual(['bar-map-dma', 'bar-map-dma-offset']);
    expect(nearestIds('map-zero-sise', ids, 1)).toEqual(['map-zero-size']);
    expect(nearestIds('zzzzzzzzzzzz', ids)).toEqual([]);
    expect(closestIds('zzzzzzzzzzzz', ids, 2)).toHaveLength(2);
    expect(closestIds('hot-unplug', ids, 1)).toEqual(nearestIds('hot-unplug', ids, 1));
  });

  it('levenshtein counts single-character edits', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('same', 'same')).toBe(0);
  });
});

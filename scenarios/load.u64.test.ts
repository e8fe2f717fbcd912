// The __u64 fields of the vfio uapi (map-dma/unmap-dma iova, size, rawVaddr) load as
// exact 64-bit values; any other number must be exact as a JS number. A value that is
// not an integer or does not fit names the file and the field.
import { describe, expect, it } from 'vitest';
import { parseScenario } from './load.ts';
import { TEST_FILE, loadErrorOf } from './load.testing.ts';
import { scenarioDoc as scenarioText } from './testing-doc.ts';




describe('scenario numbers: exact __u64 at the uapi fields', () => {
  it('iova 0xfffffffffffff000 and size 0x2000 load exactly, as bigints', () => {
    const s = parseScenario(scenarioText('  - { kind: map-dma, task: qemu, addr: bar0, iova: 0xfffffffffffff000, size: 0x2000, expect: EINVAL }\n'), TEST_FILE);
    expect(s.steps.at(-1)).toMatchObject({ kind: 'map-dma', iova: 0xfffffffffffff000n, size: 0x2000n });
  });

  it('the largest __u64 loads, on unmap-dma too', () => {
    const s = parseScenario(scenarioText('  - { kind: unmap-dma, task: qemu, iova: 0, size: 0xffffffffffffffff }\n'), TEST_FILE);
    expect(s.steps.at(-1)).toMatchObject({ kind: 'unmap-dma', iova: 0n, size: 0xffffffffffffffffn, all: false });
  });

  it('2^64 does not fit: the message names the file and the field', () => {
    const msg = loadErrorOf(scenarioText('  - { kind: map-dma, task: qemu, addr: bar0, iova: 0x10000000000000000, size: 0x1000 }\n'));
    expect(msg).toBe('scenarios/foo.yaml: steps[2].iova: invalid value 18446744073709551616; expected an integer from 0 to 0xffffffffffffffff (a __u64) (line 15)');
  });

  it('a fraction or a negative number is refused by field', () => {
    expect(loadErrorOf(scenarioText('  - { kind: map-dma, task: qemu, addr: bar0, iova: 0, size: 1.5 }\n'))).toMatch(/^scenarios\/foo\.yaml: steps\[2\]\.size: invalid value 1\.5; expected an integer from 0/);
    expect(loadErrorOf(scenarioText('  - { kind: unmap-dma, task: qemu, iova: -4096, size: 0x1000 }\n'))).toMatch(/^scenarios\/foo\.yaml: steps\[2\]\.iova: invalid value -4096;/);
  });

  it('a field that is not a __u64 refuses an integer above 2^53 instead of rounding it', () => {
    const msg = loadErrorOf(scenarioText('  - { kind: munmap, task: qemu, addr: bar0, length: 0x20000000000001 }\n'));
    expect(msg).toMatch(/^scenarios\/foo\.yaml: steps\[2\]\.length: integer 9007199254740993 is not exact as a number here \(above 2\^53\)/);
  });

  it('small integers stay numbers everywhere else', () => {
    const s = parseScenario(scenarioText('  - { kind: cpu-write, task: qemu, addr: bar0, offset: 0x40, value: 7 }\n'), TEST_FILE);
    expect(s.steps.at(-1)).toMatchObject({ kind: 'cpu-write', offset: 0x40, value: 7 });
  });
});

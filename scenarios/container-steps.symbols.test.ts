// The container vocabulary (open-container, open-group, set-container, set-iommu,
// get-device-fd, map-dma/unmap-dma naming the container) binds and checks fds like the
// other steps, in the loader and in the runner.
import { describe, expect, it } from 'vitest';
import { parseScenario } from './load.ts';
import { runCell } from './runner.ts';

const FILE = 'scenarios/foo.yaml';

const HEAD = `id: foo
title: t
category: correctness
origin: test
description: d
setup:
  devices:
    - { type: pci, name: gpu, bars: [{ size: 0x100000, kind: mem32 }] }
    - { type: pci, name: nic, bars: [{ size: 0x10000, kind: mem32 }] }
  tasks: [qemu, other]
steps:
`;

const LONG = `  - { kind: open-container, task: qemu, as: c }
  - { kind: open-group, task: qemu, device: gpu, as: g }
  - { kind: set-container, task: qemu, group: g, container: c }
  - { kind: set-iommu, task: qemu, container: c }
  - { kind: get-device-fd, task: qemu, group: g, device: gpu, as: gpufd }
  - { kind: open-device, task: qemu, device: nic, as: nicfd }
  - { kind: mmap, task: qemu, fd: gpufd, length: 0x100000, as: bar0 }
`;

describe('container steps in the loader', () => {
  it('a device fd from get-device-fd is a vfio-pci fd: mmap defaults to BAR0 and the scenario loads', () => {
    const s = parseScenario(`${HEAD}${LONG}  - { kind: map-dma, task: qemu, container: c, addr: bar0, iova: 0x100000000, size: 0x1000 }\n`, FILE);
    expect(s.steps.map((st) => st.kind)).toContain('get-device-fd');
  });

  it('an unbound group or container fd names the field', () => {
    const text = `${HEAD}  - { kind: open-container, task: qemu, as: c }\n  - { kind: set-container, task: qemu, group: gg, container: c }\n  - { kind: set-iommu, task: qemu, container: cc }\n`;
    expect(() => parseScenario(text, FILE)).toThrow('steps[1].group: fd "gg" is not bound');
    expect(() => parseScenario(text, FILE)).toThrow('steps[2].container: fd "cc" is not bound (did you mean "c"?)');
  });

  it("another task's container fd is not the caller's", () => {
    const text = `${HEAD}${LONG}  - { kind: unmap-dma, task: other, container: c, iova: 0x100000000, size: 0x1000 }\n`;
    expect(() => parseScenario(text, FILE)).toThrow('steps[7].container: fd "c" (bound at steps[0]) belongs to "qemu", not "other"');
  });
});

describe('container steps in the runner', () => {
  it('the long form maps and unmaps through the named container on the default design', () => {
    const s = parseScenario(`${HEAD}${LONG}  - { kind: map-dma, task: qemu, container: c, addr: bar0, iova: 0x100000000, size: 0x100000, expect: ok }
  - { kind: dma-write, device: nic, iova: 0x100000040, value: 9, expect: ok }
  - { kind: unmap-dma, task: qemu, container: c, iova: 0x100000000, size: 0x100000, expect: ok }
`, FILE);
    const cell = runCell(s, 'status-quo', { seed: 1 });
    expect(cell.outcome).toBe('ok');
    const steps = cell.steps.filter((st) => st.kind !== 'teardown');
    expect(steps.at(-2)?.dma[0]?.result).toBe('ok');
    expect(steps.at(-1)?.ret).toBe(0x100000);
  });

  it('a group another process holds gives EBUSY, and a get-device-fd on that group fd is skipped', () => {
    const s = parseScenario(`${HEAD}${LONG}  - { kind: open-group, task: other, device: gpu, as: og, expect: EBUSY }
  - { kind: get-device-fd, task: other, group: og, device: gpu, as: ofd }
`, FILE);
    const steps = runCell(s, 'status-quo', { seed: 1 }).steps.filter((st) => st.kind !== 'teardown');
    expect(steps.at(-2)?.ret).toBe('EBUSY');
    expect(steps.at(-1)?.skipped).toMatch(/fd og does not exist/);
  });
});

// Test helper: a valid scenario document for loader tests. Two steps bind `gpufd` and
// `bar0` (a 1 MiB BAR 0 mapping); `steps` adds step lines (YAML, two-space indented),
// which start at line 15; `extra` adds top-level keys before `steps:`.
export function scenarioDoc(steps: string, extra = ''): string {
  return `id: foo
title: t
category: correctness
origin: test
description: d
setup:
  devices:
    - { type: pci, name: gpu, bars: [{ size: 0x100000, kind: mem32 }] }
    - { type: pci, name: nic, bars: [{ size: 0x10000, kind: mem32 }] }
    - { type: mdev, name: vgpu, pages: 4 }
  tasks: [qemu]
${extra}steps:
  - { kind: open-device, task: qemu, device: gpu, as: gpufd }
  - { kind: mmap, task: qemu, fd: gpufd, region: 0, length: 0x100000, as: bar0 }
${steps}`;
}

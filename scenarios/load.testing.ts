// Test helpers for the loader: a small valid scenario text to append steps to, and the
// message a broken one fails with.
import { ScenarioError, parseScenario } from './load.ts';

export const TEST_FILE = 'scenarios/foo.yaml';

/** A user-error scenario: task qemu opens gpu and mmaps 1 MiB of BAR0 as bar0; `steps` follow (YAML lines). */
export function scenarioText(steps: string): string {
  return `id: foo
title: t
category: user-error
origin: test
description: d
setup:
  devices: [{ type: pci, name: gpu, bars: [{ size: 0x100000, kind: mem32 }] }]
  tasks: [qemu]
steps:
  - { kind: open-device, task: qemu, device: gpu, as: gpufd }
  - { kind: mmap, task: qemu, fd: gpufd, region: 0, length: 0x100000, as: bar0 }
${steps}`;
}

/** The ScenarioError message `text` fails to load with (an Error if it loads). */
export function loadErrorOf(text: string, file = TEST_FILE): string {
  try {
    parseScenario(text, file);
  } catch (e) {
    if (e instanceof ScenarioError) return e.message;
    throw e;
  }
  throw new Error('expected a ScenarioError');
}

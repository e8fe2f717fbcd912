// dma_entry_limit (v5.12 drivers/vfio/vfio_iommu_type1.c, default U16_MAX = 65535)
// reached from a scenario: one `repeat` step runs the 65535 MAP_DMAs, the next one gets
// -ENOSPC from vfio_dma_do_map(). The step budget and a repeat's numbers are checked
// when the file is loaded.
import { describe, expect, it } from 'vitest';
import { loadScenarioById, parseScenario } from './load.ts';
import { TEST_FILE, loadErrorOf } from './load.testing.ts';
import { scenarioDoc as scenarioText } from './testing-doc.ts';
import { runCell } from './runner.ts';
import { STEP_BUDGET } from './budget.ts';
import { REPEAT_MAX } from './schema.ts';
import { AS_POSTED_NAMES } from '../designs/registry.ts';



describe('vfio_dma_do_map: dma_entry_limit at its default through a repeat step', () => {
  // scenarios/limits/ stays out of the main matrix (it costs ~50x the rest of it), so it
  // is held to its outcome here, on every design as posted.
  it.each(AS_POSTED_NAMES)('%s: 65535 MAP_DMAs fit in one container and the 65536th gets ENOSPC', (design) => {
    const s = loadScenarioById('map-dma-limit-default');
    const c = runCell(s, design, { seed: 1 });
    expect(c.outcome, c.evidence.summary).toBe('rejected');
    expect(c.evidence.summary).toBe('step 3 map-dma: refused with ENOSPC');
  });

  it('a repeat stops at the first call that does not return its expect, and reports that call', () => {
    const s = parseScenario(`${scenarioText('')}  - kind: repeat
    count: 3
    step: { kind: map-dma, task: qemu, addr: bar0, iova: 0x100000000, size: 0x1000 }
    expect: ok
`, TEST_FILE);
    const c = runCell(s, 'status-quo', { seed: 1 });
    expect(c.outcome).toBe('false-reject');
    expect(c.evidence.summary).toBe('step 2 repeat: legitimate use refused: expected ok, got EEXIST');
  });
});

describe('load-time limits of a scenario', () => {
  it(`more than ${STEP_BUDGET} steps is a usage error when the file is loaded`, () => {
    const many = Array.from({ length: STEP_BUDGET }, () => '  - { kind: fail-nth, nth: 1000 }\n').join('');
    expect(loadErrorOf(`${scenarioText('')}${many}`)).toMatch(new RegExp(`^scenarios/foo\\.yaml: steps: ${STEP_BUDGET + 2} steps .* exceed the step budget of ${STEP_BUDGET}`));
  });

  it('a repeat counts as one step, however many calls it runs', () => {
    const s = parseScenario(`${scenarioText('')}  - { kind: repeat, count: ${REPEAT_MAX}, step: { kind: cpu-read, task: qemu, addr: bar0 } }\n`, TEST_FILE);
    expect(s.steps.at(-1)).toMatchObject({ kind: 'repeat', count: REPEAT_MAX });
  });

  it('a count above REPEAT_MAX, an inner expect, or an iova that leaves the __u64 range is refused by field', () => {
    expect(loadErrorOf(`${scenarioText('')}  - { kind: repeat, count: ${REPEAT_MAX + 1}, step: { kind: cpu-read, task: qemu, addr: bar0 } }\n`))
      .toMatch(/^scenarios\/foo\.yaml: steps\[2\]\.count: invalid value/);
    expect(loadErrorOf(`${scenarioText('')}  - { kind: repeat, count: 2, step: { kind: cpu-read, task: qemu, addr: bar0, expect: ok } }\n`))
      .toMatch(/^scenarios\/foo\.yaml: steps\[2\]\.step\.expect: a repeated step carries its own expect/);
    expect(loadErrorOf(`${scenarioText('')}  - { kind: repeat, count: 3, iovaStride: 0x8000000000000000, step: { kind: unmap-dma, task: qemu, iova: 0x1000, size: 0x1000 } }\n`))
      .toMatch(/^scenarios\/foo\.yaml: steps\[2\]\.iovaStride: call 2's iova 0x10000000000001000 does not fit/);
  });
});

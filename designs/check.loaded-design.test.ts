// The zod check a loaded design passes before it runs; every registered design passes it too.
import { describe, expect, it } from 'vitest';
import { designProblem } from './check.ts';
import { DESIGN_NAMES, getDesign } from './registry.ts';

const base = getDesign('driver-op');

describe('designProblem', () => {
  it.each(DESIGN_NAMES.filter((n) => /^[a-z0-9-]+$/.test(n)))('%s passes', (n) => {
    expect(designProblem(getDesign(n))).toBeNull();
  });

  it.each([
    [{ ...base, name: 'My Design' }, 'name: must be kebab-case'],
    [{ ...base, title: '' }, 'title: must be a non-empty string'],
    [{ ...base, install: 'no' }, 'install: must be a function'],
    [{ ...base, obligations: [{ id: 'x', driver: 'vfio-pci', what: 'w', kinds: [] }] }, 'obligations[0].kinds: must name at least one mistake kind'],
    [{ ...base, obligations: [{ id: 'Bad', driver: 'vfio-pci', what: 'w', kinds: ['omit'] }] }, 'obligations[0].id: must be kebab-case'],
    [{ ...base, obligations: [{ id: 'x', driver: 'vfio-pci', what: 'w', kinds: ['omit'], mistakeNames: { 'wrong-value': 'y' } }] }, 'kinds does not list'],
    [{ ...base, obligations: [...base.obligations, base.obligations.at(-1)] }, 'is declared twice for driver'],
    [{ ...base, obligations: base.obligations.filter((o) => o.id !== 'take-ref-on-open') }, 'must include BASE_DRIVER_OBLIGATIONS (mdev-ram take-ref-on-open)'],
    [42, 'expected object'],
  ])('names the first problem: %#', (d, what) => {
    expect(designProblem(d)).toContain(what);
  });
});

// Runs a bus driver's obligation steps, applying the mistake (if any) configured for
// that driver. This is how issue-9 mutants are built from data: the driver code names
// each obligation as a step; a mistake skips it or runs its wrong variant.
import type { Kernel } from '../machine/kernel.ts';
import type { Design, ObligationRunner } from './design.ts';

export function makeObligationRunner(k: Kernel, design: Design, driver: string): ObligationRunner {
  const known = new Set(design.obligations.filter((o) => o.driver === driver).map((o) => o.id));
  const check = (id: string): 'do' | 'omit' | 'wrong-value' => {
    if (!known.has(id)) throw new Error(`design ${design.name}: driver ${driver} runs undeclared obligation "${id}"`);
    k.obligationsRun.add(`${driver}:${id}`);
    const m = k.driverMistakes.get(driver);
    if (!m || m.obligation !== id) return 'do';
    return m.kind;
  };
  return {
    step(id, correct, wrong) {
      const how = check(id);
      if (how === 'do') correct();
      else if (how === 'wrong-value') (wrong ?? correct)();
    },
    value(id, correct, wrong, omitted) {
      const how = check(id);
      if (how === 'do') return correct();
      return how === 'omit' ? omitted() : wrong();
    },
  };
}

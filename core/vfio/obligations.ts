// Runs a bus driver's obligation steps, applying the mistake (if any) configured for
// that driver. This is how issue-9 mutants are built from data: the driver code names
// each obligation as a step; a mistake skips it or runs its wrong variant.
import type { Kernel } from '../machine/kernel.ts';
import type { Design, ObligationRunner } from './design.ts';

// Module level, not a closure in makeObligationRunner (made on every driver call): under
// tsx (esbuild keepNames) each named closure costs an Object.defineProperty when made.
function check(k: Kernel, design: Design, driver: string, id: string): 'do' | 'omit' | 'wrong-value' {
  if (!design.obligations.some((o) => o.driver === driver && o.id === id)) {
    throw new Error(`design ${design.name}: driver ${driver} runs undeclared obligation "${id}"`);
  }
  k.obligationsRun.add(`${driver}:${id}`);
  const m = k.driverMistakes.get(driver);
  if (!m || m.obligation !== id) return 'do';
  return m.kind;
}

export function makeObligationRunner(k: Kernel, design: Design, driver: string): ObligationRunner {
  return {
    step(id, correct, wrong) {
      const how = check(k, design, driver, id);
      if (how === 'do') correct();
      else if (how === 'wrong-value') (wrong ?? correct)();
    },
    value(id, correct, wrong, omitted) {
      const how = check(k, design, driver, id);
      if (how === 'do') return correct();
      return how === 'omit' ? omitted() : wrong();
    },
  };
}

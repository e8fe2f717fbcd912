// Test fixture of atomic.kill-between-steps.test.ts (not a test): writes the set
// "<run>" of three files into a directory and, when told, SIGKILLs itself right after
// the named step of the writer, as a crash or `kill -9` at that instant would.
//   node --import tsx reports/atomic.child.ts <dir> <run> [<step to die after>]
import { writeFileSet } from './atomic.ts';

export const SET_NAMES = ['comparison.md', 'comparison.json', 'comparison.txt'] as const;

export function setFiles(run: string): Array<readonly [string, string]> {
  return SET_NAMES.map((n) => [n, `${n} of run ${run}\n`] as const);
}

const [dir, run, dieAfter] = process.argv.slice(2);
if (dir !== undefined && run !== undefined) {
  writeFileSet(dir, setFiles(run), {
    step: (what) => {
      if (what === dieAfter) process.kill(process.pid, 'SIGKILL');
    },
  });
}

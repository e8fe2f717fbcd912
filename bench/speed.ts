// Issue 16's measurements of the command as a user runs it: each in a child process of
// the arena bin (`node cli/arena.js`, what `npx arena` ends up running), the minimum
// wall time over a few repeats (a shared machine only ever adds time), and the peak
// RSS the child reports of itself (process.resourceUsage, all its threads). Plus the
// in-process throughput of the full matrix. Nothing here fails on a number.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadAllScenarios, runScenarios } from '../scenarios/index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'cli', 'arena.js');

// Prints the child's peak RSS (KiB) on stderr as it exits; percent-encoded, since
// NODE_OPTIONS splits on spaces.
const RSS_HOOK = `data:text/javascript,${encodeURIComponent('process.on("exit",()=>process.stderr.write(`\narena-maxrss ${process.resourceUsage().maxRSS}\n`))')}`;

export interface ChildRun {
  readonly seconds: number;
  readonly maxRssMiB: number | null;
  readonly stdout: string;
  readonly status: number | null;
}

function child(cmd: string, args: readonly string[], rss: boolean): ChildRun {
  const env = { ...process.env, NO_COLOR: '1', ...(rss ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${RSS_HOOK}`.trim() } : {}) };
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const seconds = (performance.now() - t0) / 1000;
  // With NODE_OPTIONS every node process (npm too) reports; the largest is the one that worked.
  const rssKiB = [...(r.stderr ?? '').matchAll(/arena-maxrss (\d+)/g)].map((m) => Number(m[1]));
  return { seconds, maxRssMiB: rssKiB.length > 0 ? Math.max(...rssKiB) / 1024 : null, stdout: r.stdout ?? '', status: r.status };
}

/** The fastest of `n` runs (and the largest peak RSS seen). */
function best(n: number, cmd: string, args: readonly string[], rss = false): ChildRun {
  const runs = Array.from({ length: n }, () => child(cmd, args, rss));
  const fastest = runs.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  const peaks = runs.map((r) => r.maxRssMiB).filter((m) => m !== null);
  return { ...fastest, maxRssMiB: peaks.length > 0 ? Math.max(...peaks) : null };
}

function filesOf(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(p.slice(dir.length), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return out;
}

function sameTree(a: string, b: string): boolean {
  if (!existsSync(a) || !existsSync(b)) return false;
  const x = filesOf(a);
  const y = filesOf(b);
  return x.size === y.size && [...x].every(([k, v]) => y.get(k) === v);
}

/** Lowest per-design sequences/s of `arena fuzz` output ("throughput: d N sequences/s ..."). */
function fuzzRate(stdout: string): number | null {
  const rates = [...stdout.matchAll(/^throughput: \S+ (\d+) sequences\/s/gm)].map((m) => Number(m[1]));
  return rates.length > 0 ? Math.min(...rates) : null;
}

export interface SpeedOptions {
  readonly quick: boolean;
  readonly jobs: number;
}

export interface SpeedMeasure {
  readonly repeats: number;
  readonly jobs: number;
  readonly nodeE0: number;
  readonly help: number;
  readonly list: number;
  readonly runBarMapDma: number;
  readonly npmStart: number;
  readonly report: { readonly jobs1: number; readonly jobsN: number; readonly identical: boolean; readonly rssMiB: number | null };
  readonly cells: { readonly count: number; readonly firstPerSecond: number; readonly warmPerSecond: number };
  readonly fuzz: {
    readonly runs: number; readonly jobs1PerSecond: number | null; readonly jobsNPerSecond: number | null; readonly rssMiB: number | null;
  };
}

/** Cells per second of runScenarios over every scenario and design: the first call in this process, and the best warm one. */
export function matrixThroughput(warmRepeats: number): SpeedMeasure['cells'] {
  const scenarios = loadAllScenarios();
  const time = (): { n: number; s: number } => {
    const t0 = performance.now();
    const n = runScenarios({ scenarios }).length;
    return { n, s: (performance.now() - t0) / 1000 };
  };
  const first = time();
  const warm = Array.from({ length: warmRepeats }, time).reduce((a, b) => (b.s < a.s ? b : a));
  return { count: first.n, firstPerSecond: first.n / first.s, warmPerSecond: warm.n / warm.s };
}

export function measureSpeed(o: SpeedOptions): SpeedMeasure {
  const repeats = o.quick ? 3 : 7;
  const node = process.execPath;
  const tmp = mkdtempSync(join(tmpdir(), 'arena-bench-'));
  try {
    const nodeE0 = best(repeats, node, ['-e', '0']).seconds;
    const help = best(repeats, node, [BIN, '--help']).seconds;
    const list = best(repeats, node, [BIN, 'list']).seconds;
    const runBarMapDma = best(repeats, node, [BIN, 'run', 'bar-map-dma']).seconds;
    const few = o.quick ? 1 : 3;
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const npmStart = best(few, npm, ['start', '--silent', '--', '--out', join(tmp, 'npm')], true);
    const r1 = best(few, node, [BIN, 'report', '--jobs', '1', '--out', join(tmp, 'a')]);
    const rN = best(few, node, [BIN, 'report', '--jobs', String(o.jobs), '--out', join(tmp, 'b')]);
    // Quick: enough sequences for a rate; full: the campaign size the memory target names.
    const runs = o.quick ? 1000 : 20000;
    // The bin itself, as npx runs it (its #! line gives node its flags).
    const fuzz = (jobs: number): ChildRun => child(BIN, ['fuzz', '--runs', String(runs), '--jobs', String(jobs), '--out', join(tmp, `f${jobs}`)], true);
    const f1 = fuzz(1);
    const fN = fuzz(o.jobs);
    return {
      repeats, jobs: o.jobs, nodeE0, help, list, runBarMapDma, npmStart: npmStart.seconds,
      report: { jobs1: r1.seconds, jobsN: rN.seconds, identical: sameTree(join(tmp, 'a'), join(tmp, 'b')), rssMiB: npmStart.maxRssMiB },
      cells: matrixThroughput(o.quick ? 2 : 5),
      fuzz: {
        runs, jobs1PerSecond: fuzzRate(f1.stdout), jobsNPerSecond: fuzzRate(fN.stdout),
        rssMiB: [f1.maxRssMiB, fN.maxRssMiB].reduce<number | null>((a, b) => (b === null ? a : Math.max(a ?? 0, b)), null),
      },
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

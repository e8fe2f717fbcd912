// Issue 16's targets, each a figure from this run's SpeedMeasure against its goal. A
// missed target carries the cause a CPU profile (node --cpu-prof on dist/) showed for
// it; the profile is named so a reader can take it again.
import type { SpeedMeasure } from './speed.ts';
import type { Target } from './targets.ts';
import { formatRatio } from './units.ts';

const PROFILE = 'node --cpu-prof dist/<id>/cli/main.js report';

/** What the profile showed where a target is missed (the figure says by how much). */
export const MISS_CAUSES = {
  startup: 'module loading: node itself is most of it; the rest is the commands\' registration (commander, chalk)',
  run: 'loading the runner\'s module graph (core, designs, yaml, zod) and the scenario\'s first, JIT-cold run',
  npmStart: `a JIT-cold process (${PROFILE} --jobs 1): the mistake matrix's cells about a third, the matrix's about a ` +
    'quarter, GC about a quarter, module loading about 5%; the same work takes about 1 s once the JIT is warm, and npm ' +
    'itself adds about 0.3 s',
  cells: 'per cell: Kernel construction (vma tree, PCI bus, slab) and validate() after every step; GC about 12-18%',
  cores: 'each isolate loads the module graph and warms its JIT again (about 1 s CPU for a report), and at --jobs 1 V8\'s ' +
    'GC and compiler threads already use the second core: with two busy isolates GC goes from about 14% to 23% of each ' +
    'thread (profile of fuzz --jobs 2); on 2 cores the work is too short to win that back',
  fuzz: 'per sequence: a fresh Kernel per design and validate() after every step (fast-check generation about 10%)',
  rss: 'one V8 isolate per job, each holding the module graph and its own heap; the report\'s cell cache about 25 MiB',
} as const;

function target(id: string, title: string, goal: string, value: number, figure: string, met: boolean, cause: string, detail?: string): Target {
  const d = met ? detail : [detail, `cause: ${cause}`].filter((x) => x !== undefined).join('; ');
  return { id, title, goal, value, figure, status: met ? 'met' : 'missed', ...(d !== undefined && d !== '' ? { detail: d } : {}) };
}

const secs = (s: number): string => `${s.toFixed(2)} s`;
const mib = (m: number): string => `${m.toFixed(0)} MiB`;

export function speedTargets(m: SpeedMeasure): Target[] {
  const out: Target[] = [];
  const base = `node -e 0 ${secs(m.nodeE0)}; fastest of ${m.repeats}`;
  const rHelp = m.help / m.nodeE0;
  out.push(target('startup-help', 'arena --help (node <bin>) against node -e 0', '≤ 2×', rHelp, formatRatio(rHelp), rHelp <= 2, MISS_CAUSES.startup, `${secs(m.help)}; ${base}`));
  const rList = m.list / m.nodeE0;
  out.push(target('startup-list', 'arena list against node -e 0', '≤ 2×', rList, formatRatio(rList), rList <= 2, MISS_CAUSES.startup, `${secs(m.list)}; ${base}`));
  out.push(target('run-bar-map-dma', 'arena run bar-map-dma, wall', '< 0.3 s', m.runBarMapDma, secs(m.runBarMapDma), m.runBarMapDma < 0.3, MISS_CAUSES.run));
  out.push(target('npm-start', 'npm start (the full report, npm included), wall', '< 1.0 s', m.npmStart, secs(m.npmStart), m.npmStart < 1, MISS_CAUSES.npmStart,
    `default --jobs; arena report --jobs 1 ${secs(m.report.jobs1)}, --jobs ${m.jobs} ${secs(m.report.jobsN)}`));
  const c = m.cells;
  out.push(target('matrix-throughput', `full matrix in process, one thread (${c.count} cells)`, '≥ 5000 cells/s', c.warmPerSecond,
    `${c.warmPerSecond.toFixed(0)} cells/s`, c.warmPerSecond >= 5000, MISS_CAUSES.cells, `warm; first call in the process ${c.firstPerSecond.toFixed(0)} cells/s`));
  const speedup = m.report.jobs1 / m.report.jobsN;
  out.push(target('both-cores', `arena report --jobs ${m.jobs} against --jobs 1: same files, faster`, 'identical, > 1×', speedup,
    `${m.report.identical ? 'identical' : 'DIFFERENT'}, ${formatRatio(speedup)} faster`, m.report.identical && speedup > 1, MISS_CAUSES.cores));
  const f = m.fuzz;
  if (f.jobs1PerSecond !== null) {
    out.push(target('fuzz-one-job', `arena fuzz --runs ${f.runs} --jobs 1, cold, slowest design`, '≥ 10000 sequences/s', f.jobs1PerSecond,
      `${f.jobs1PerSecond} sequences/s`, f.jobs1PerSecond >= 10_000, MISS_CAUSES.fuzz));
  }
  if (f.jobs1PerSecond !== null && f.jobsNPerSecond !== null) {
    const r = f.jobsNPerSecond / f.jobs1PerSecond;
    out.push(target('fuzz-jobs', `arena fuzz --jobs ${m.jobs} against --jobs 1`, '≥ 1.8×', r, formatRatio(r), r >= 1.8, MISS_CAUSES.cores,
      'only measurable on a quiet machine'));
  }
  if (m.report.rssMiB !== null) {
    out.push(target('rss-npm-start', 'peak RSS of npm start (default --jobs)', '< 200 MiB', m.report.rssMiB, mib(m.report.rssMiB),
      m.report.rssMiB < 200, MISS_CAUSES.rss));
  }
  if (f.rssMiB !== null) {
    out.push(target('rss-fuzz', `peak RSS of arena fuzz --runs ${f.runs}, --jobs 1 or ${m.jobs}`, '< 200 MiB', f.rssMiB, mib(f.rssMiB), f.rssMiB < 200, MISS_CAUSES.rss));
  }
  return out;
}

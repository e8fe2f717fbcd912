// Builds the comparison: every design × every scenario, run once, summarised per design
// and per scenario. Everything here is computed from the cells; nothing branches on a
// design's name and there is no table of expected answers.
import { COST_KEYS } from '../core/index.ts';
import { obligationTable } from '../designs/obligations.ts';
import { DESIGN_NAMES, getDesign } from '../designs/registry.ts';
import { designArg } from '../designs/sources.ts';
import {
  OUTCOMES, describeRemoval, formatTrace, loadAllScenarios, runTraced, type CellCache, type CellResult, type DesignRef, type OutcomeT,
  type ScenarioT, type Trace,
} from '../scenarios/index.ts';
import { LEVELS, levelOf, type Level } from './levels.ts';
import { provenance, type Provenance } from './provenance.ts';
import { buildChoices, buildClaimReadings } from './variants-model.ts';
import {
  COMPARISON_VERSION, ComparisonJson, type CellSummaryT, type ComparisonJsonT, type DesignSummaryT, type ScenarioSummaryT,
} from './schema.ts';

export interface BuildOptions {
  readonly seed?: number;
  readonly designs?: readonly DesignRef[];
  readonly scenarios?: readonly ScenarioT[];
  readonly timestamp?: Date;
  /** Provenance to use instead of reading package.json and git (tests). */
  readonly provenance?: Provenance;
  /** Cells shared with the rest of the command (renderReport's mistake matrix). */
  readonly cache?: CellCache;
}

export interface Comparison {
  readonly json: ComparisonJsonT;
  /** The raw cells, in scenario id then design order. */
  readonly cells: readonly CellResult[];
}

/** Outcomes that mean harm was prevented or made visible in a misuse case. */
const DETECTED: ReadonlySet<OutcomeT> = new Set(['ok', 'rejected', 'warn', 'false-reject']);

/** Every case but legitimate use: correctness and the ports of the kernel's own tests (conformance). */
export function isMisuse(s: Pick<ScenarioT, 'category'>): boolean {
  return s.category !== 'correctness' && s.category !== 'conformance';
}

/** The `arena explain` command that reproduces a cell. */
export function reproduceCommand(scenario: string, design: string): string {
  return `npx arena explain ${scenario} --design ${designArg(design)}`;
}

/** The lines that decided a cell, in the order a reader wants them. */
export function evidenceLines(c: CellResult): string[] {
  const e = c.evidence;
  const out: string[] = [];
  if (e.failPoint) out.push(`fail point: ${e.failPoint}`);
  if (e.errno) out.push(`errno: ${e.errno}`);
  if (e.dma) {
    out.push(`DMA ${e.dma.write ? 'write' : 'read'} by ${e.dma.device} at iova ${e.dma.iova}: ${e.dma.result}` +
      `${e.dma.pfn ? `, pfn ${e.dma.pfn}` : ''}, reached ${e.dma.reached}${e.dma.intended ? `, mapped for ${e.dma.intended}` : ''}` +
      `${e.dma.staleReason ? ` (${e.dma.staleReason})` : ''}`);
  }
  const splat = e.dmesg?.[0];
  if (splat !== undefined) out.push(`dmesg: ${splat}`);
  const audit = e.audit?.[0];
  if (audit !== undefined) out.push(`audit: ${audit}${(e.audit?.length ?? 0) > 1 ? ` (+${(e.audit?.length ?? 1) - 1} more)` : ''}`);
  for (const r of e.removals ?? []) out.push(describeRemoval(r));
  return out;
}

function zeroCounts(): Record<OutcomeT, number> {
  return Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<OutcomeT, number>;
}

function zeroLevels(): Record<Level, number> {
  return Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
}

function designTitle(ref: DesignRef): string {
  return typeof ref === 'string' ? getDesign(ref).title : ref.title;
}

function designName(ref: DesignRef): string {
  return typeof ref === 'string' ? ref : ref.name;
}

function summarise(ref: DesignRef, cells: readonly CellResult[], byId: ReadonlyMap<string, ScenarioT>): DesignSummaryT {
  const name = designName(ref);
  const mine = cells.filter((c) => c.design === name);
  const counts = zeroCounts();
  const levels = zeroLevels();
  let misuseScored = 0;
  let misuseDetected = 0;
  let blockedRemovals = 0;
  let iommuFaults = 0;
  const normalPathCost: Record<string, number> = Object.fromEntries(COST_KEYS.map((k) => [k, 0]));
  for (const c of mine) {
    counts[c.outcome] += 1;
    blockedRemovals += c.costs.blockedRemovals;
    iommuFaults += c.costs.iommuFaults;
    const s = byId.get(c.scenario);
    if (s?.category === 'correctness') for (const k of COST_KEYS) normalPathCost[k] = (normalPathCost[k] ?? 0) + c.cost[k];
    if (!s || !isMisuse(s)) continue;
    levels[levelOf(c.outcome)] += 1;
    if (c.outcome === 'n/a') continue;
    misuseScored += 1;
    if (DETECTED.has(c.outcome)) misuseDetected += 1;
  }
  const design = typeof ref === 'string' ? getDesign(ref) : ref;
  const table = obligationTable([design]);
  const drivers = [...new Set([...table.map((r) => r.driver), ...design.obligations.map((o) => o.driver)])];
  const obligations = drivers.map((driver) => {
    const ids = design.obligations.filter((o) => o.driver === driver).map((o) => o.id);
    return { driver, count: ids.length, ids, driverLines: table.find((r) => r.driver === driver)?.driverLines ?? 0 };
  });
  return {
    design: name, title: designTitle(ref), ...(design.variant ? { variant: { ...design.variant } } : {}), counts, misuseScored, misuseDetected,
    misuseDetectionRate: misuseScored === 0 ? null : Math.round((misuseDetected / misuseScored) * 1000) / 1000,
    silentFailures: counts['stale-dma'] + counts.uaf + counts.leak,
    crashes: counts.oops, falseRejects: counts['false-reject'], blockedRemovals, iommuFaults, normalPathCost, obligations, levels,
  };
}

function cellSummary(c: CellResult, s: ScenarioT, trace: Trace): CellSummaryT {
  return {
    design: c.design, outcome: c.outcome, level: isMisuse(s) ? levelOf(c.outcome) : null,
    summary: c.evidence.summary, evidence: evidenceLines(c), reproduce: reproduceCommand(c.scenario, c.design),
    trace: formatTrace(trace).split('\n'),
    ...(c.costs.blockedRemovals > 0 ? { blockedRemovals: c.costs.blockedRemovals } : {}),
  };
}

/** Runs the matrix and builds the comparison (validated against ComparisonJson). */
export function buildComparison(o: BuildOptions = {}): Comparison {
  const seed = o.seed ?? 1;
  const scenarios = [...(o.scenarios ?? loadAllScenarios())].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const designs: readonly DesignRef[] = o.designs ?? DESIGN_NAMES;
  // One run per cell gives both the verdict and the trace `arena explain` prints.
  const traced = scenarios.map((s) => designs.map((d) => runTraced(s, d, seed, o.cache)));
  const cells = traced.flat().map((t) => t.cell);
  const byId = new Map(scenarios.map((s) => [s.id, s]));
  const scenarioRows: ScenarioSummaryT[] = scenarios.map((s, i) => ({
    id: s.id, title: s.title, category: s.category, origin: s.origin.trim(), description: s.description.trim(),
    cells: (traced[i] ?? []).map((t) => cellSummary(t.cell, s, t.trace)),
  }));
  const json = ComparisonJson.parse({
    version: COMPARISON_VERSION,
    provenance: o.provenance ?? provenance(seed, o.timestamp ? { timestamp: o.timestamp } : {}),
    designs: designs.map((d) => summarise(d, cells, byId)),
    scenarios: scenarioRows,
    choices: buildChoices(designs, cells, scenarios),
    claimReadings: buildClaimReadings(designs, cells),
  });
  return { json, cells };
}

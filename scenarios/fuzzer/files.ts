// The campaign's files: each reproducer as `<id>.yaml` and findings.json. Writing them
// (as one atomic set) is reports/fuzz-output.ts's job.
import { designArg } from '../../designs/sources.ts';
import { join, relative, sep } from 'node:path';
import { SCENARIOS_DIR, displayPath } from '../load.ts';
import type { ScenarioT } from '../schema.ts';
import { type FindingsJsonT } from './findings.ts';
import { scenarioYaml } from './yaml.ts';

/** The reproducer file's text: schema line, how it was found, how to replay, then the scenario. */
export function reproducerText(s: ScenarioT, dir: string, notes: readonly string[], replay: string): string {
  const schema = relative(dir, join(SCENARIOS_DIR, 'scenario.schema.json')).split(sep).join('/');
  return scenarioYaml(s, [
    `yaml-language-server: $schema=${schema.startsWith('.') ? schema : `./${schema}`}`,
    ...notes,
    `Replay: ${replay}`,
  ]);
}

/** The command that replays a reproducer written into `dir`. */
export function replayCommand(dir: string, id: string, designs: readonly string[]): string {
  return `npx arena run ${displayPath(join(dir, `${id}.yaml`))} --design ${designs.map(designArg).join(',')}`;
}

export interface ReproducerFile {
  readonly id: string;
  readonly text: string;
}

interface CampaignLike {
  readonly doc: Omit<FindingsJsonT, 'findings'>;
  readonly findings: readonly (FindingsJsonT['findings'][number] & { readonly scenario: ScenarioT })[];
}

/** findings.json and the reproducer files of a campaign whose output goes to `dir`. */
export function campaignFiles(r: CampaignLike, dir: string): { doc: FindingsJsonT; files: ReproducerFile[] } {
  const files: ReproducerFile[] = [];
  const findings = r.findings.map(({ scenario, ...f }) => {
    const replay = replayCommand(dir, f.id, f.designs);
    const outcomes = Object.entries(f.outcomes).map(([d, o]) => `${d} ${o}`).join(', ');
    const notes = [
      `Found by arena fuzz (seed ${f.seed}, sequence ${f.index}${f.mode === 'diff' ? ', --diff' : ''}); shrunk from ${f.shrunkFrom} to ${f.steps} step(s).`,
      `Outcomes: ${outcomes}.`,
      `${f.designs[0] ?? ''}: ${f.summary}`,
    ];
    files.push({ id: f.id, text: reproducerText(scenario, dir, notes, replay) });
    return { ...f, replay };
  });
  return { doc: { ...r.doc, findings }, files };
}

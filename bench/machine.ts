// What the timings were taken on: stated in every report, never a date.
import { readFileSync } from 'node:fs';
import { cpus, platform, arch } from 'node:os';
import { join } from 'node:path';

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly platform: string;
  readonly tinybench: string;
}

function tinybenchVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8'));
    const deps = typeof pkg === 'object' && pkg !== null ? (pkg as { dependencies?: Record<string, unknown> }).dependencies : undefined;
    const v = deps?.tinybench;
    return typeof v === 'string' ? v : 'unknown';
  } catch {
    return 'unknown';
  }
}

export function machineInfo(): MachineInfo {
  const c = cpus();
  return {
    cpu: c[0]?.model.trim() ?? 'unknown', cores: c.length, node: process.version, platform: `${platform()} ${arch()}`,
    tinybench: tinybenchVersion(),
  };
}

export function describeMachine(m: MachineInfo): string {
  return `${m.cpu}, ${m.cores} cores, ${m.platform}, Node ${m.node}, tinybench ${m.tinybench}`;
}

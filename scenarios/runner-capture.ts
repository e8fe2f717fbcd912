// What the runner keeps of one step: its return value in the classifier's words
// (a number, an errno name, IOMMU_FAULT, OOPS) and the dmesg lines, DMA records and CPU
// accesses the kernel produced while it ran (possibly in several segments, when other
// steps ran at an interleaving point in the middle).
import {
  errname, isCrashed, type CpuAccess, type Crashed, type DmaRecord, type DmesgLine, type Machine, type OopsInfo, type Ret,
} from '../core/index.ts';

/** What one step returned, before the captured logs are attached. */
export interface Raw {
  readonly ret: number | string;
  readonly error?: string;
  readonly signal?: string;
  readonly crashed?: OopsInfo;
  readonly skipped?: string;
}

/** Collects what the kernel logged between resume() and pause(), possibly in several segments. */
export class Capture {
  readonly dmesg: DmesgLine[] = [];
  readonly dma: DmaRecord[] = [];
  readonly cpu: CpuAccess[] = [];
  private marks = { dmesg: 0, dma: 0, cpu: 0 };

  constructor(private readonly m: Machine) {
    this.resume();
  }

  resume(): void {
    this.marks = { dmesg: this.m.k.dmesg.mark(), dma: this.m.k.iommu.dmaLog.mark(), cpu: this.m.cpuLog.length };
  }

  pause(): void {
    this.dmesg.push(...this.m.k.dmesg.since(this.marks.dmesg));
    this.dma.push(...this.m.k.iommu.dmaLog.since(this.marks.dma));
    this.cpu.push(...this.m.cpuLog.slice(this.marks.cpu));
    this.resume();
  }
}

export function fromRet(r: Ret): Raw {
  if (isCrashed(r)) return { ret: 'OOPS', crashed: r.oops };
  if (r < 0) {
    const e = errname(r).slice(1);
    return { ret: e, error: e };
  }
  return { ret: r };
}

export function fromCpu(a: CpuAccess | Crashed): Raw {
  if (isCrashed(a)) return fromRet(a);
  if (a.signal) {
    const e = errname(a.ret).slice(1);
    return { ret: e, error: e, signal: a.signal };
  }
  return { ret: a.ret };
}

export function fromDma(d: DmaRecord | Crashed): Raw {
  if (isCrashed(d)) return fromRet(d);
  if (d.result === 'iommu-fault') return { ret: 'IOMMU_FAULT', error: 'IOMMU_FAULT' };
  return { ret: d.write ? 0 : d.value };
}

/** An Oops printed during teardown (Machine.teardown ignores the Crashed of exit). */
export function oopsIn(lines: readonly DmesgLine[]): OopsInfo | undefined {
  const i = lines.findIndex((l) => l.text.startsWith('Oops:'));
  if (i < 0) return undefined;
  const bug = lines.slice(0, i).reverse().find((l) => /^(BUG:|kernel BUG)/.test(l.text));
  const rip = lines.slice(i).find((l) => l.text.startsWith('RIP:'));
  const fn = rip ? rip.text.replace(/^RIP: \d+:/, '').replace(/\+.*$/, '') : 'unknown';
  const message = bug?.text ?? 'Oops';
  const kind = message.includes('NULL pointer') ? 'null-deref' : message.startsWith('kernel BUG') ? 'bug' : 'page-fault';
  return { kind, fn, address: 0, message, tick: lines[i]!.tick };
}

// The runner's step executor: resolves a scenario's symbols (tasks, devices, fds,
// addresses) and drives one Machine, recording per step its return value, the dmesg
// lines, DMA records and CPU accesses it produced. Symbols bound by a step that failed
// make later steps that use them "skipped" (the failure itself was recorded already);
// a symbol never bound at all is a scenario bug, so a harness error.
import {
  USEC_PER_SEC, VFIO_PCI_INDEX_TO_OFFSET, errname, isCrashed, type AuditFinding, type Machine, type MistakeKind, type Ret,
  type vfio_removal_wait,
} from '../core/index.ts';
import { VFIO_DMA_MAP_FLAG_READ, VFIO_DMA_MAP_FLAG_WRITE, VFIO_DMA_UNMAP_FLAG_ALL } from '../core/vfio/index.ts';
import { describeThrow } from './error-site.ts';
import { stepName, type RemovalRecord, type RunRecord, type StepRef, type StepResult } from './classify.ts';
import { Capture, fromCpu, fromDma, fromRet, oopsIn, type Raw } from './runner-capture.ts';
import { meetsExpect, repeatCall } from './runner-repeat.ts';
import { configReadStep, configWriteStep, deviceInfoStep, regionInfoStep, type InfoResult } from './runner-info.ts';
import type { ResetInnerStep, ScenarioT, StepT } from './schema.ts';
import type { z } from 'zod';

/** A step run on its own: anything but a step with `during` steps of its own. */
type InnerStepT = z.infer<typeof ResetInnerStep>;
type MapDmaStep = Extract<StepT, { kind: 'map-dma' }>;
type ResetStep = Extract<StepT, { kind: 'reset' }>;
type WindowStep = MapDmaStep | ResetStep;
type RepeatStep = Extract<StepT, { kind: 'repeat' }>;
type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A step cannot run because a symbol it uses was never bound (its step failed). Not an
 * Error: fuzzed runs throw it often and capturing a stack trace is costly; skippable()
 * always catches it.
 */
class Skip {
  constructor(readonly message: string) {}
}

/** A broken invariant or scenario bug found by the runner itself. */
class HarnessError extends Error {}

export interface ExecutorOptions {
  /** Steps (inner ones included) a run may execute. */
  readonly budget: number;
  /** A fail-nth sweep sets the point itself; fail-nth steps then do nothing. */
  readonly sweeping: boolean;
}

export type StopReason = 'crashed' | 'n/a' | 'error';

export class StepExecutor {
  private readonly results: StepResult[] = [];
  /** "fd:<name>" / "addr:<name>" -> value. */
  private readonly syms = new Map<string, number>();
  /** "fd:", "addr:", "task:", "device:" symbols whose binding step failed, and why. */
  private readonly unbound = new Map<string, string>();
  private readonly pciFds = new Set<string>();
  /** Hot-unplugs that had to wait, with the kernel's record of the wait. */
  private readonly removals: { at: StepRef; device: string; wait: vfio_removal_wait }[] = [];
  private executed = 0;
  private injected = false;
  private state: StopReason | null = null;
  private harness: { message: string; at?: StepRef } | undefined;
  private notApplicable: { reason: string; at: StepRef } | undefined;
  private audit: AuditFinding[] | null = null;
  private at: StepRef = { index: -1, kind: 'setup' };

  constructor(private readonly m: Machine, private readonly opts: ExecutorOptions) {}

  stopped(): StopReason | null {
    return this.state;
  }

  record(): RunRecord {
    return {
      steps: this.results, audit: this.audit, removals: this.removals.map((r) => this.removalRecord(r)),
      ...(this.harness ? { harnessError: this.harness } : {}),
      ...(this.notApplicable ? { notApplicable: this.notApplicable } : {}),
    };
  }

  /** What a waiting removal cost, as far as the run got. */
  private removalRecord(r: { at: StepRef; device: string; wait: vfio_removal_wait }): RemovalRecord {
    const w = r.wait;
    return {
      step: r.at, device: r.device, requests: w.requests, waitedUs: (w.doneTick ?? this.m.k.tick()) - w.startTick,
      signalled: w.interruptedTick !== null, completed: w.doneTick !== null,
    };
  }

  /** Devices and tasks; any failure here is a harness error (the scenario is broken). */
  setup(s: ScenarioT): void {
    this.guard(() => {
      this.at = { index: -1, kind: 'setup' };
      const cap = new Capture(this.m);
      for (const d of s.setup.devices) {
        const r = d.type === 'pci' ? this.m.addPci(d.name, d.bars, d.driver) : this.m.addMdev(d.name, d.pages);
        if (isCrashed(r) || r < 0) throw new HarnessError(`setup: adding device ${d.name} returned ${isCrashed(r) ? r.oops.message : errname(r)}`);
      }
      for (const t of s.setup.tasks) this.m.spawn(t);
      cap.pause();
      this.results.push(this.result(this.at, undefined, { ret: 0 }, cap));
    });
  }

  steps(s: ScenarioT): void {
    for (const [i, step] of s.steps.entries()) {
      if (this.state !== null) return;
      this.guard(() => {
        this.results.push(...(step.kind === 'map-dma' || step.kind === 'reset' ? this.runWindowed(i, step)
          : step.kind === 'repeat' ? [this.runRepeat(i, step)] : [this.runOne(i, undefined, step)]));
        if (this.state === null) this.validate();
      });
    }
  }

  /** Every task exits, then the audit; an Oops printed on the way is recorded as a crash. */
  teardown(s: ScenarioT): void {
    if (this.state === 'n/a' || this.state === 'error') return;
    this.at = { index: s.steps.length, kind: 'teardown' };
    const cap = new Capture(this.m);
    try {
      this.audit = this.m.teardown();
    } catch (e) {
      this.fail(e);
    }
    cap.pause();
    const oops = oopsIn(cap.dmesg);
    this.results.push(this.result(this.at, undefined, oops ? { ret: 'OOPS', crashed: oops } : { ret: 0 }, cap));
  }

  private guard(body: () => void): void {
    try {
      body();
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown): void {
    // After an Oops the kernel's state is not trustworthy: what throws next is its echo.
    if (this.state === 'crashed') return;
    this.state = 'error';
    this.harness = { message: e instanceof Skip ? e.message : describeThrow(e), at: this.at };
  }

  private count(ref: StepRef): void {
    this.at = ref;
    this.executed += 1;
    if (this.executed > this.opts.budget) throw new HarnessError(`step budget of ${this.opts.budget} steps exceeded`);
  }

  /** Kernel.validate() (vma trees, page tables, memory, IOMMU maps): a broken invariant is a bug of ours. */
  private validate(): void {
    const errs = this.m.k.validate();
    if (errs.length > 0) {
      throw new HarnessError(`validate after ${stepName(this.at)}: ${errs.slice(0, 3).map(String).join('; ')}`);
    }
  }

  private result(ref: StepRef, step: StepT | undefined, raw: Raw, cap: Capture): StepResult {
    if (raw.crashed) this.state = 'crashed';
    if (this.m.k.faults.injected()) this.injected = true;
    // Built field by field in the order the spread form had (index, inner, kind, step,
    // expect, the raw fields, ...): conditional spreads were the runner's hottest line.
    const r: Writable<StepResult> = { index: ref.index } as Writable<StepResult>;
    if (ref.inner !== undefined) r.inner = ref.inner;
    r.kind = ref.kind as StepResult['kind'];
    if (step) r.step = step;
    if (step?.expect !== undefined) r.expect = step.expect;
    // Object.assign(r, raw) over Raw's several shapes was slow; every Raw is built in
    // this field order (runner-capture.ts and the literals here), so the keys come out the same.
    r.ret = raw.ret;
    if (raw.error !== undefined) r.error = raw.error;
    if (raw.signal !== undefined) r.signal = raw.signal;
    if (raw.crashed !== undefined) r.crashed = raw.crashed;
    if (raw.skipped !== undefined) r.skipped = raw.skipped;
    r.injected = this.injected;
    r.dmesg = cap.dmesg;
    r.dma = cap.dma;
    r.cpu = cap.cpu;
    return r;
  }

  private runOne(index: number, inner: number | undefined, step: InnerStepT): StepResult {
    const ref: StepRef = inner === undefined ? { index, kind: step.kind } : { index, inner, kind: step.kind };
    this.count(ref);
    const cap = new Capture(this.m);
    const raw = this.skippable(() => this.exec(step));
    cap.pause();
    if (raw.skipped !== undefined) this.unbindSkipped(step, ref);
    return this.result(ref, step, raw, cap);
  }

  /** A skipped step binds nothing: steps using what it would have bound skip in turn. */
  private unbindSkipped(step: InnerStepT, ref: StepRef): void {
    const key = step.kind === 'open-device' || step.kind === 'open-chardev' || step.kind === 'open-container'
      || step.kind === 'open-group' || step.kind === 'get-device-fd' ? `fd:${step.as}`
      : step.kind === 'mmap' || (step.kind === 'mremap' && step.as !== undefined) ? `addr:${step.as ?? ''}`
        : step.kind === 'fork' ? `task:${step.as}` : step.kind === 'hot-plug' ? `device:${step.device}` : undefined;
    if (key === undefined) return;
    this.syms.delete(key);
    this.unbound.set(key, `${stepName(ref)} was skipped`);
  }

  /** `repeat`: its calls until one does not meet the repeat's expect; one result for them all. */
  private runRepeat(index: number, step: RepeatStep): StepResult {
    const ref: StepRef = { index, kind: step.kind };
    this.count(ref);
    const cap = new Capture(this.m);
    const iovaStride = step.iovaStride ?? 0n;
    let raw: Raw = { ret: 0 };
    for (let i = 0; i < step.count; i++) {
      const call = repeatCall(step.step, i, step.addrStride, iovaStride);
      raw = this.skippable(() => this.exec(call));
      if (!meetsExpect(raw, step.expect)) break;
    }
    cap.pause();
    return this.result(ref, step, raw, cap);
  }

  /**
   * A step with `during` steps run inside it: MAP_DMA's at type1's interleaving point
   * (mmap_lock dropped), a reset's in its FLR window (memory_lock held for write).
   */
  private runWindowed(index: number, step: WindowStep): StepResult[] {
    const ref: StepRef = { index, kind: step.kind };
    this.count(ref);
    const during: readonly InnerStepT[] = step.during ?? [];
    const inner: StepResult[] = [];
    const outer = new Capture(this.m);
    let reached = false;
    const k = this.m.k;
    const window = (): void => {
      reached = true;
      outer.pause();
      for (const [j, s] of during.entries()) {
        if (this.state === 'crashed') break;
        inner.push(this.runOne(index, j, s));
      }
      this.at = ref;
      outer.resume();
    };
    if (during.length > 0) {
      if (step.kind === 'map-dma') k.interleave = window;
      else k.resetWindow = window;
    }
    let raw: Raw;
    try {
      raw = this.skippable(() => this.exec(step));
    } finally {
      if (step.kind === 'map-dma') k.interleave = null;
      else k.resetWindow = null;
    }
    outer.pause();
    const res = this.result(ref, step, raw, outer);
    if (!reached) {
      const why = step.kind === 'map-dma' ? 'MAP_DMA returned before its interleaving point' : 'the reset returned before its FLR window';
      for (const [j, s] of during.entries()) {
        const innerRef: StepRef = { index, inner: j, kind: s.kind };
        this.unbindSkipped(s, innerRef);
        inner.push(this.result(innerRef, s, { ret: 'SKIPPED', skipped: why }, new Capture(this.m)));
      }
    }
    return [res, ...inner];
  }

  private skippable(body: () => Raw): Raw {
    try {
      return body();
    } catch (e) {
      if (e instanceof Skip) return { ret: 'SKIPPED', skipped: e.message };
      throw e;
    }
  }

  private lookup(kind: 'fd' | 'addr', name: string): number {
    const v = this.syms.get(`${kind}:${name}`);
    if (v !== undefined) return v;
    const why = this.unbound.get(`${kind}:${name}`);
    if (why !== undefined) throw new Skip(`${kind} ${name} does not exist: ${why}`);
    throw new HarnessError(`${stepName(this.at)}: ${kind} symbol "${name}" was never bound by an earlier step`);
  }

  private fd(name: string): number {
    return this.lookup('fd', name);
  }

  private addr(name: string): number {
    return this.lookup('addr', name);
  }

  private named(kind: 'task' | 'device', name: string): string {
    const why = this.unbound.get(`${kind}:${name}`);
    if (why !== undefined) throw new Skip(`${kind} ${name} does not exist: ${why}`);
    return name;
  }

  private task(name: string): string {
    return this.named('task', name);
  }

  private device(name: string): string {
    return this.named('device', name);
  }

  /** Records what a binding step's result means for its symbol. */
  private bind(key: string, r: Ret): Raw {
    const raw = fromRet(r);
    if (typeof raw.ret === 'number' && raw.crashed === undefined) {
      if (!key.startsWith('task:') && !key.startsWith('device:')) this.syms.set(key, raw.ret);
      this.unbound.delete(key);
    } else {
      this.syms.delete(key);
      this.unbound.set(key, `${stepName(this.at)} returned ${raw.ret}`);
    }
    return raw;
  }

  private exec(step: InnerStepT | WindowStep): Raw {
    const m = this.m;
    switch (step.kind) {
      case 'open-device': {
        const raw = this.bind(`fd:${step.as}`, m.openDevice(this.task(step.task), this.device(step.device)));
        if (m.device(step.device).type === 'pci') this.pciFds.add(step.as);
        return raw;
      }
      case 'open-chardev':
        return this.bind(`fd:${step.as}`, m.openChardev(this.task(step.task), step.pages));
      case 'open-container':
        return this.bind(`fd:${step.as}`, m.openContainer(this.task(step.task)));
      case 'open-group':
        return this.bind(`fd:${step.as}`, m.openGroup(this.task(step.task), this.device(step.device)));
      case 'set-container':
        return fromRet(m.setContainer(this.task(step.task), this.fd(step.group), this.fd(step.container)));
      case 'unset-container':
        return fromRet(m.unsetContainer(this.task(step.task), this.fd(step.group)));
      case 'set-iommu':
        return fromRet(m.setIommu(this.task(step.task), this.fd(step.container)));
      case 'get-device-fd': {
        const raw = this.bind(`fd:${step.as}`, m.getDeviceFd(this.task(step.task), this.fd(step.group), this.device(step.device)));
        if (m.device(step.device).type === 'pci') this.pciFds.add(step.as);
        return raw;
      }
      case 'close':
        return fromRet(m.close(this.task(step.task), this.fd(step.fd)));
      case 'mmap': {
        const fd = step.fd === undefined ? undefined : this.fd(step.fd);
        const region = step.region ?? (step.fd !== undefined && this.pciFds.has(step.fd) ? 0 : undefined);
        const offset = (region === undefined ? 0 : VFIO_PCI_INDEX_TO_OFFSET(region)) + step.offset;
        const a = { offset, length: step.length, shared: step.shared, prot: step.prot };
        return this.bind(`addr:${step.as}`, m.mmap(this.task(step.task), fd === undefined ? a : { ...a, fd }));
      }
      case 'munmap':
        return fromRet(m.munmap(this.task(step.task), this.addr(step.addr) + step.offset, step.length));
      case 'mprotect':
        return fromRet(m.mprotect(this.task(step.task), this.addr(step.addr) + step.offset, step.length, step.prot));
      case 'mremap': {
        const r = m.mremap(this.task(step.task), this.addr(step.addr) + step.offset, step.oldLength, step.newLength, step.move);
        return step.as === undefined ? fromRet(r) : this.bind(`addr:${step.as}`, r);
      }
      case 'fork':
        return this.bind(`task:${step.as}`, m.fork(this.task(step.task), step.as));
      case 'exit':
        return fromRet(m.exit(this.task(step.task)));
      case 'cpu-read':
        return fromCpu(m.cpuAccess(this.task(step.task), this.addr(step.addr) + step.offset, false));
      case 'cpu-write':
        return fromCpu(m.cpuAccess(this.task(step.task), this.addr(step.addr) + step.offset, true, step.value));
      case 'unmap-dma': {
        const container = step.container === undefined ? undefined : this.fd(step.container);
        return fromRet(m.unmapDma(this.task(step.task), step.iova, step.size, container, step.all ? VFIO_DMA_UNMAP_FLAG_ALL : 0));
      }
      case 'dma-read':
        return fromDma(m.deviceDma(this.device(step.device), step.iova, false));
      case 'dma-write':
        return fromDma(m.deviceDma(this.device(step.device), step.iova, true, step.value));
      case 'decode-off':
      case 'decode-on':
        return fromRet(m.setDecode(this.task(step.task), this.fd(step.fd), step.kind === 'decode-on'));
      case 'reset':
        return fromRet(m.reset(this.task(step.task), this.fd(step.fd)));
      case 'signal-removal':
        return fromRet(m.signalRemoval(this.device(step.device)));
      case 'sleep':
        return fromRet(m.sleep(Math.round(step.seconds * USEC_PER_SEC)));
      case 'device-info':
        return this.info(step.kind, deviceInfoStep(m, this.task(step.task), this.fd(step.fd), step));
      case 'region-info':
        return this.info(step.kind, regionInfoStep(m, this.task(step.task), this.fd(step.fd), step));
      case 'config-read':
        return this.info(step.kind, configReadStep(m, this.task(step.task), this.fd(step.fd), step));
      case 'config-write':
        return fromRet(configWriteStep(m, this.task(step.task), this.fd(step.fd), step));
      case 'fd-read':
        return fromRet(m.fdRead(this.task(step.task), this.fd(step.fd), step.region, step.offset));
      case 'hot-unplug': {
        const r = fromRet(m.hotUnplug(this.device(step.device), step.task === undefined ? undefined : this.task(step.task)));
        const removal = m.device(step.device).vdev?.removal;
        // A second unplug of a device already waiting joins the same wait.
        if (r.ret === 0 && removal && !this.removals.some((x) => x.wait === removal)) this.removals.push({ at: this.at, device: step.device, wait: removal });
        return r;
      }
      case 'hot-plug':
        return this.bind(`device:${step.device}`, m.addPci(step.device, step.bars, step.driver));
      case 'driver-mistake':
        return this.driverMistake(step.driver, step.mistake);
      case 'fail-nth':
        if (this.opts.sweeping) return { ret: 'SKIPPED', skipped: 'the fail-nth sweep chooses the point' };
        m.k.faults.failNth = m.k.faults.reached() + step.nth;
        return { ret: 0 };
      case 'map-dma': {
        const vaddr = step.rawVaddr ?? BigInt(this.addr(step.addr) + step.offset);
        const flags = (step.read ? VFIO_DMA_MAP_FLAG_READ : 0) | (step.write ? VFIO_DMA_MAP_FLAG_WRITE : 0);
        const container = step.container === undefined ? undefined : this.fd(step.container);
        return fromRet(m.mapDma(this.task(step.task), { vaddr, iova: step.iova, size: step.size, flags }, container));
      }
    }
  }

  /** An information step's answer; a mismatch with the kernel's test is a bug of our core. */
  private info(kind: string, r: InfoResult): Raw {
    if (r.mismatch !== undefined) throw new HarnessError(`${kind}: ${r.mismatch}`);
    return fromRet(r.ret);
  }

  /**
   * Applies a named driver mistake through the design's declared obligations: the one
   * of that driver whose mistakeNames has it. A design that declares none cannot
   * express the mistake: the cell is n/a and stops.
   */
  private driverMistake(driver: string, mistake: string): Raw {
    const k = this.m.k;
    for (const ob of k.designDef.obligations) {
      if (ob.driver !== driver) continue;
      for (const kind of Object.keys(ob.mistakeNames ?? {}) as MistakeKind[]) {
        if (ob.mistakeNames?.[kind] !== mistake) continue;
        k.driverMistakes.set(driver, { driver, obligation: ob.id, kind });
        return { ret: 0 };
      }
    }
    const reason = `the design declares no ${driver} obligation whose mistake is "${mistake}"`;
    this.state = 'n/a';
    this.notApplicable = { reason, at: this.at };
    return { ret: 'N/A', skipped: reason };
  }
}

// WARN_ON and Oops (include/asm-generic/bug.h, arch/x86/mm/fault.c, kernel/panic.c).
// A WARN logs a splat and the kernel goes on; an Oops logs the crash and kills the task
// that was running. The Oops travels as a KernelOops exception up to the syscall
// boundary (Kernel.syscall), where it becomes a typed crash result. Any other exception
// is a bug in our TypeScript, never a kernel outcome.
import type { Dmesg } from './dmesg.ts';
import { tohex } from './hex.ts';

export type OopsKind = 'null-deref' | 'page-fault' | 'bug';

export interface OopsInfo {
  readonly kind: OopsKind;
  /** The function that faulted, as RIP would show it. */
  readonly fn: string;
  /** The faulting address for null-deref / page-fault. */
  readonly address: number;
  readonly message: string;
  readonly tick: number;
}

export class KernelOops extends Error {
  constructor(readonly info: OopsInfo) {
    super(`kernel oops in ${info.fn}: ${info.message}`);
    this.name = 'KernelOops';
  }
}

export interface BugContext {
  readonly dmesg: Dmesg;
  tick(): number;
  /** "comm/pid" of the running task, for splats. */
  currentTask(): { comm: string; pid: number };
  taint(flag: string): void;
}

export function hex16(addr: number): string {
  return tohex(Math.max(0, Math.floor(addr))).padStart(16, '0');
}

/** Kernel pointers are kept below 2^53 and shown with the direct-map prefix. */
export function kptr(addr: number): string {
  return addr === 0 ? '0000000000000000' : `ffff${tohex(Math.floor(addr)).padStart(12, '0')}`;
}

/**
 * __WARN_printf: "------------[ cut here ]------------", the message, then the
 * "WARNING: CPU: 0 PID: n at file:line fn" header. Returns true so it can be used
 * as `if (WARN_ON(ctx, cond, ...))`.
 */
export function WARN(ctx: BugContext, fn: string, file: string, message: string): true {
  const t = ctx.currentTask();
  ctx.dmesg.printk('warn', '------------[ cut here ]------------');
  if (message) ctx.dmesg.printk('warn', message);
  ctx.dmesg.printk('warn', `WARNING: CPU: 0 PID: ${t.pid} at ${file} ${fn}+0x0/0x0`);
  ctx.dmesg.printk('warn', '---[ end trace 0000000000000000 ]---');
  ctx.taint('W');
  return true;
}

export function WARN_ON(ctx: BugContext, cond: boolean, fn: string, file: string, message = ''): boolean {
  if (!cond) return false;
  return WARN(ctx, fn, file, message);
}

function oopsTrailer(ctx: BugContext, fn: string): void {
  const t = ctx.currentTask();
  ctx.dmesg.printk('emerg', 'Oops: 0000 [#1] PREEMPT SMP KASAN');
  ctx.dmesg.printk('emerg', `CPU: 0 PID: ${t.pid} Comm: ${t.comm} Tainted: G    B   W`);
  ctx.dmesg.printk('emerg', `RIP: 0010:${fn}+0x0/0x0`);
  ctx.dmesg.printk('emerg', '---[ end trace 0000000000000000 ]---');
  ctx.taint('D');
}

/**
 * page_fault_oops(): a kernel access to an address with no mapping. Address 0 (plus a
 * small field offset) is reported as a NULL pointer dereference, as the kernel does for
 * addresses below PAGE_SIZE. Never returns.
 */
export function oops_bad_access(ctx: BugContext, fn: string, address: number): never {
  const isNull = address < 4096;
  const message = isNull
    ? `BUG: kernel NULL pointer dereference, address: ${hex16(address)}`
    : `BUG: unable to handle page fault for address: ${kptr(address)}`;
  ctx.dmesg.printk('alert', message);
  oopsTrailer(ctx, fn);
  throw new KernelOops({ kind: isNull ? 'null-deref' : 'page-fault', fn, address, message, tick: ctx.tick() });
}

/** BUG() / BUG_ON(): "kernel BUG at file!" then the Oops. Never returns. */
export function BUG(ctx: BugContext, fn: string, file: string): never {
  const message = `kernel BUG at ${file}!`;
  ctx.dmesg.printk('alert', `------------[ cut here ]------------`);
  ctx.dmesg.printk('alert', message);
  oopsTrailer(ctx, fn);
  throw new KernelOops({ kind: 'bug', fn, address: 0, message, tick: ctx.tick() });
}

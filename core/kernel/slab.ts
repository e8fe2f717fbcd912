// A typed slab allocator with a KASAN-like checker (mm/slub.c, mm/kasan/report.c).
// Objects are C-like structs of 8-byte words, addressed by a kernel pointer (Kptr).
// Code keeps raw pointers the way the kernel does, so misuse flows on:
//  - touching a freed object reports "BUG: KASAN: slab-use-after-free" and returns the
//    stale contents (freed objects sit in KASAN's quarantine and are never reused here);
//  - reading an object as the wrong type gives the words that are really there, laid
//    over the wanted struct's fields, so a type confusion yields plausible garbage that
//    later code dereferences or maps;
//  - a pointer that is NULL or points at no object Oopses, as a wild access would.
import { kptr, oops_bad_access, type BugContext } from './bug.ts';
import { hash32 } from './prng.ts';

/** A kernel virtual address; 0 is NULL. */
export type Kptr = number;
export const NULL: Kptr = 0;

export type Words = Record<string, number>;

/** struct layout: one 8-byte word per field, in declaration order. */
export interface SlabType<T extends Words> {
  readonly name: string;
  readonly fields: readonly (keyof T & string)[];
}

export function defineSlabType<T extends Words>(name: string, fields: readonly (keyof T & string)[]): SlabType<T> {
  return { name, fields };
}

export interface SlabObject {
  readonly addr: Kptr;
  readonly type: SlabType<Words>;
  /** Word values by field name of the object's own type. */
  readonly data: Words;
  live: boolean;
  readonly allocTick: number;
  readonly allocBy: string;
  readonly allocFn: string;
  freeTick: number;
  freeBy: string;
  freeFn: string;
}

export interface SlabCtx extends BugContext {
  /** fail-nth: true when this allocation point must fail. */
  should_fail(site: string, fn: string): boolean;
  countAlloc(): void;
}

/** Base of the simulated direct map (shown as ffff888100000000). */
const SLAB_BASE = 0x888100000000;

export class Slab {
  private readonly objects = new Map<Kptr, SlabObject>();
  private next = SLAB_BASE;

  constructor(private readonly ctx: SlabCtx) {}

  /** kmalloc()/kzalloc() of a typed object. Returns NULL when fault injection fails it. */
  kmalloc<T extends Words>(type: SlabType<T>, init: T, fn: string): Kptr {
    this.ctx.countAlloc();
    if (this.ctx.should_fail('kmalloc', fn)) return NULL;
    const addr = this.next;
    this.next += Math.max(64, Math.ceil((type.fields.length * 8) / 64) * 64);
    const t = this.ctx.currentTask();
    const data: Words = {};
    for (const f of type.fields) data[f] = init[f] ?? 0;
    this.objects.set(addr, {
      addr, type: type as unknown as SlabType<Words>, data, live: true,
      allocTick: this.ctx.tick(), allocBy: `${t.comm}/${t.pid}`, allocFn: fn,
      freeTick: 0, freeBy: '', freeFn: '',
    });
    return addr;
  }

  /** kfree(). Freeing NULL is a no-op; a double free is reported as KASAN does. */
  kfree(addr: Kptr, fn: string): void {
    if (addr === NULL) return;
    const obj = this.objects.get(addr);
    if (!obj) oops_bad_access(this.ctx, fn, addr);
    if (!obj.live) {
      this.report(obj, 'double-free', fn, 'Free');
      return;
    }
    const t = this.ctx.currentTask();
    obj.live = false;
    obj.freeTick = this.ctx.tick();
    obj.freeBy = `${t.comm}/${t.pid}`;
    obj.freeFn = fn;
  }

  /**
   * Dereference `addr` as a `type`. Returns a view whose fields read and write the
   * real words at those offsets. Oopses on NULL or a wild pointer; reports KASAN on a
   * freed object (and still returns its stale words, as the hardware would).
   */
  deref<T extends Words>(addr: Kptr, type: SlabType<T>, fn: string): T {
    const obj = this.objects.get(addr);
    if (!obj) oops_bad_access(this.ctx, fn, addr);
    if (!obj.live) this.report(obj, 'slab-use-after-free', fn, 'Read');
    if (obj.type.name === type.name) return obj.data as T;
    return this.confusedView(obj, type);
  }

  /** The type name the object at addr really has, or undefined for a wild pointer. */
  typeAt(addr: Kptr): string | undefined {
    return this.objects.get(addr)?.type.name;
  }

  isLive(addr: Kptr): boolean {
    return this.objects.get(addr)?.live === true;
  }

  object(addr: Kptr): SlabObject | undefined {
    return this.objects.get(addr);
  }

  /** Every live object, in allocation order (for the teardown leak audit). */
  liveObjects(): SlabObject[] {
    return [...this.objects.values()].filter((o) => o.live);
  }

  /** The fields of `type` over the words of `obj`: word i of the real object is field i. */
  private confusedView<T extends Words>(obj: SlabObject, type: SlabType<T>): T {
    const view = {} as Words;
    const realFields = obj.type.fields;
    type.fields.forEach((field, i) => {
      const real = realFields[i];
      Object.defineProperty(view, field, {
        enumerable: true,
        get: () => (real === undefined ? beyondObject(obj.addr, i) : (obj.data[real] ?? 0)),
        set: (v: number) => {
          if (real !== undefined) obj.data[real] = v;
        },
      });
    });
    return view as T;
  }

  /** kasan_report(): the header, the access, and the alloc/free stacks. */
  private report(obj: SlabObject, bug: string, fn: string, access: 'Read' | 'Free'): void {
    const t = this.ctx.currentTask();
    const d = this.ctx.dmesg;
    d.printk('err', '==================================================================');
    d.printk('err', `BUG: KASAN: ${bug} in ${fn}+0x0/0x0`);
    d.printk('err', `${access} of size 8 at addr ${kptr(obj.addr)} by task ${t.comm}/${t.pid}`);
    d.printk('err', `Allocated by task ${obj.allocBy} at tick ${obj.allocTick}: ${obj.allocFn}`);
    d.printk('err', `Freed by task ${obj.freeBy} at tick ${obj.freeTick}: ${obj.freeFn}`);
    d.printk('err', `The buggy address belongs to the object at ${kptr(obj.addr)} which belongs to the cache ${obj.type.name}`);
    d.printk('err', '==================================================================');
    this.ctx.taint('B');
  }
}

/** Words past the end of an object: whatever the next bytes of the slab page hold. */
function beyondObject(addr: Kptr, index: number): number {
  return hash32(addr, index) * 0x10000 + 0xdead;
}

// Model-style property tests over random mmap/munmap/mprotect/mremap/fork/touch
// sequences: the vma tree stays valid and find_vma equals a linear scan; every page keeps
// the file offset it had (split, move); pfn ptes always equal base + file offset; and the
// fake driver's per-vma open/close count returns to zero after everyone exits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpu_translate } from './cpu.ts';
import { do_exit } from './exit.ts';
import {
  MAP_ANONYMOUS, MAP_FIXED, MAP_PRIVATE, MAP_SHARED, MREMAP_FIXED, MREMAP_MAYMOVE, PAGE_SIZE, PROT_READ, PROT_WRITE,
  TASK_UNMAPPED_BASE,
} from './flags.ts';
import { sys_fork } from './fork.ts';
import { sys_mmap } from './mmap.ts';
import { sys_mprotect } from './mprotect.ts';
import { sys_mremap } from './mremap.ts';
import { sys_munmap } from './munmap.ts';
import { fd_install } from './syscalls.ts';
import { TaskTable } from './task.ts';
import { fake_chardev, newMmKernel, pages, plain_file, type FakeChardev } from './testing.ts';
import type { MmKernel, mm_struct, task_struct } from './types.ts';
import { validate_all } from './validate.ts';
import { linear_page_index } from './vma.ts';
import { find_vma } from './vma_tree.ts';

const BASE = TASK_UNMAPPED_BASE;
const at = (p: number): number => BASE + pages(p);
const protArb = fc.constantFrom(PROT_READ, PROT_READ | PROT_WRITE, 0);
/** Where an op acts: an absolute page, or a page offset into the idx-th vma (to hit vmas often). */
const whereArb = fc.record({ rel: fc.boolean(), idx: fc.nat(), page: fc.integer({ min: 0, max: 56 }) });

const opArb = fc.oneof(
  fc.record({
    kind: fc.constant('mmap' as const), what: fc.constantFrom('anon', 'eager', 'lazy', 'plain'),
    page: fc.integer({ min: 0, max: 48 }), len: fc.integer({ min: 1, max: 8 }), off: fc.integer({ min: 0, max: 16 }),
    fixed: fc.boolean(), prot: protArb,
  }),
  fc.record({ kind: fc.constant('munmap' as const), where: whereArb, len: fc.integer({ min: 0, max: 10 }) }),
  fc.record({ kind: fc.constant('mprotect' as const), where: whereArb, len: fc.integer({ min: 0, max: 10 }), prot: protArb }),
  fc.record({
    kind: fc.constant('mremap' as const), where: whereArb, oldLen: fc.integer({ min: 0, max: 8 }),
    newLen: fc.integer({ min: 0, max: 10 }), flags: fc.constantFrom(0, MREMAP_MAYMOVE, MREMAP_MAYMOVE | MREMAP_FIXED),
    dest: fc.integer({ min: 0, max: 64 }),
  }),
  fc.record({ kind: fc.constant('touch' as const), where: whereArb, write: fc.boolean() }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

interface World {
  k: MmKernel;
  tasks: TaskTable;
  devs: FakeChardev[];
  fds: Map<string, number>;
}

function newWorld(): World {
  const k = newMmKernel(7, 1 << 14);
  const tasks = new TaskTable(k);
  const t = tasks.create('qemu');
  const eager = fake_chardev(k, 'eager', { eager: true, basePfn: 0xe0000 });
  const lazy = fake_chardev(k, 'lazy', { basePfn: 0xf0000 });
  const fds = new Map<string, number>([
    ['eager', fd_install(t, eager.file)], ['lazy', fd_install(t, lazy.file)], ['plain', fd_install(t, plain_file(k))],
  ]);
  return { k, tasks, devs: [eager, lazy], fds };
}

/** vpn -> "file id:page offset" for every page of a file vma. */
function fileOffsets(mm: mm_struct): Map<number, string> {
  const out = new Map<number, string>();
  for (const v of mm.mm_rb) {
    if (!v.vm_file) continue;
    for (let a = v.vm_start; a < v.vm_end; a += PAGE_SIZE) out.set(a / PAGE_SIZE, `${v.vm_file.id}:${linear_page_index(v, a)}`);
  }
  return out;
}

function addrOf(t: task_struct, where: { rel: boolean; idx: number; page: number }): number {
  const vmas = t.mm!.mm_rb.toArray();
  if (!where.rel || vmas.length === 0) return at(where.page);
  const v = vmas[where.idx % vmas.length]!;
  return v.vm_start + pages(where.page % 4);
}

/** Runs one op on task t; returns the [start, end) byte range whose offsets are new, and what they should be. */
function run(w: World, t: task_struct, op: Op, before: Map<number, string>): { start: number; end: number; want: (vpn: number) => string | undefined } {
  const { k } = w;
  const none = { start: 0, end: 0, want: () => undefined };
  switch (op.kind) {
    case 'mmap': {
      const flags = (op.what === 'anon' ? MAP_PRIVATE | MAP_ANONYMOUS : MAP_SHARED) | (op.fixed ? MAP_FIXED : 0);
      const fd = op.what === 'anon' ? -1 : w.fds.get(op.what)!;
      const r = sys_mmap(k, t, op.fixed ? at(op.page) : 0, pages(op.len), op.prot, flags, fd, pages(op.off));
      if (r < 0) return none;
      const file = op.what === 'anon' ? null : t.files.get(fd)!;
      return { start: r, end: r + pages(op.len), want: (vpn) => (file ? `${file.id}:${op.off + vpn - r / PAGE_SIZE}` : undefined) };
    }
    case 'munmap':
      sys_munmap(k, t, addrOf(t, op.where), pages(op.len));
      return none;
    case 'mprotect':
      sys_mprotect(k, t, addrOf(t, op.where), pages(op.len), op.prot);
      return none;
    case 'touch':
      cpu_translate(k, t, addrOf(t, op.where), op.write);
      return none;
    case 'mremap': {
      const addr = addrOf(t, op.where);
      const r = sys_mremap(k, t, addr, pages(op.oldLen), pages(op.newLen), op.flags, at(op.dest));
      if (r < 0) return none;
      const src = before.get(addr / PAGE_SIZE);
      return {
        start: r, end: r + pages(op.newLen),
        want: (vpn) => {
          // In place (shrink, no-op, grow) the old pages keep their offsets; grown or moved ones continue from addr's.
          const kept = r === addr ? before.get(vpn) : undefined;
          if (kept !== undefined || !src) return kept;
          const [id, off] = src.split(':');
          return `${id}:${Number(off) + vpn - r / PAGE_SIZE}`;
        },
      };
    }
  }
}

function checkMm(w: World, mm: mm_struct, probes: readonly number[]): void {
  const vmas = mm.mm_rb.toArray();
  for (const p of probes) {
    const addr = at(p) + 17;
    expect(find_vma(w.k, mm, addr)).toBe(vmas.find((v) => v.vm_end > addr) ?? null);
  }
  for (const v of vmas) {
    const dev = w.devs.find((d) => d.vm_ops === v.vm_ops);
    if (!dev) continue;
    for (const e of mm.pgd.extents(v.vm_start / PAGE_SIZE, v.vm_end / PAGE_SIZE)) {
      expect(e.value.pfn).toBe(dev.basePfn + linear_page_index(v, e.start * PAGE_SIZE));
    }
  }
}

/** Every live vma of a device is in its refs exactly once, and nothing else is. */
function checkPairing(w: World): void {
  for (const dev of w.devs) {
    const live = w.tasks.all().flatMap((t) => (t.mm ? t.mm.mm_rb.toArray() : [])).filter((v) => v.vm_ops === dev.vm_ops);
    expect(new Map(live.map((v) => [v.id, 1]))).toEqual(dev.refs);
  }
}

describe('random syscall sequences', () => {
  it('keep the tree valid, find_vma equal to a scan, pte pfns right, and every page at its file offset', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40, size: 'max' }), fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 8 }), (ops, probes) => {
        const w = newWorld();
        const t = w.tasks.get(100)!;
        for (const op of ops) {
          const before = fileOffsets(t.mm!);
          const { start, end, want } = run(w, t, op, before);
          const after = fileOffsets(t.mm!);
          for (const [vpn, key] of after) {
            const addr = vpn * PAGE_SIZE;
            expect(key).toBe(addr >= start && addr < end ? want(vpn) : before.get(vpn));
          }
          expect(validate_all(w.k, w.tasks)).toEqual([]);
          checkMm(w, t.mm!, probes);
          checkPairing(w);
        }
      }),
      { numRuns: 250 },
    );
  });

  it('pair vm_ops open/close across splits, moves and forks: the driver refcount returns to zero after exit', () => {
    const step = fc.oneof(
      { arbitrary: opArb, weight: 6 },
      { arbitrary: fc.record({ kind: fc.constant('fork' as const), who: fc.nat() }), weight: 1 },
      { arbitrary: fc.record({ kind: fc.constant('exit' as const), who: fc.nat() }), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(fc.record({ who: fc.nat(), op: step }), { maxLength: 40, size: 'max' }), (steps) => {
        const w = newWorld();
        for (const { who, op } of steps) {
          const live = w.tasks.all().filter((t) => t.state === 'running');
          if (live.length === 0) break;
          const t = live[who % live.length]!;
          if (op.kind === 'fork') sys_fork(w.k, w.tasks, t);
          else if (op.kind === 'exit') do_exit(w.k, t);
          else run(w, t, op, fileOffsets(t.mm!));
          checkPairing(w);
          expect(validate_all(w.k, w.tasks)).toEqual([]);
        }
        for (const t of w.tasks.all()) if (t.state === 'running') do_exit(w.k, t);
        for (const dev of w.devs) {
          expect(dev.refs.size).toBe(0);
          expect(dev.counts.mmap + dev.counts.open).toBe(dev.counts.close);
          expect(dev.file.f_count.refs).toBe(0);
        }
        expect(w.k.mem.stats().used).toBe(0);
        expect(w.k.mem.validate()).toEqual([]);
        expect(w.k.dmesg.all().filter((l) => l.level === 'warn')).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

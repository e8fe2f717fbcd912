// The scenario file format: one YAML file per scenario, validated by this zod schema
// (also exported as scenarios/scenario.schema.json). Steps are a discriminated union
// on `kind`. Names (tasks, fds, addresses, devices) are symbols the steps bind with
// `as:` and refer to later, so files read like a trace.
import { z } from 'zod';
import { U64_MAX } from '../core/index.ts';
import { CATEGORIES } from './categories.ts';

const name = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a lower-case symbol like "qemu" or "bar0"');
const bytes = z.number().int().nonnegative();
/** What a __u64 field takes, for messages and the JSON Schema. */
export const U64_EXPECTED = 'an integer from 0 to 0xffffffffffffffff (a __u64)';

/**
 * A __u64 of the vfio uapi (MAP_DMA/UNMAP_DMA iova, size, vaddr): exact to 64 bits. The
 * loader reads YAML integers exactly (bigint above 2^53); the parsed value is a bigint.
 */
export const U64 = z.unknown().transform((v, ctx): bigint => {
  const b = typeof v === 'bigint' ? v : typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : null;
  if (b === null || b < 0n || b > U64_MAX) {
    ctx.issues.push({ code: 'custom', message: U64_EXPECTED, input: v });
    return z.NEVER;
  }
  return b;
});
/** An errno name ("EINVAL") or "ok": what a correct kernel returns for a step. */
export const Expect = z.union([z.literal('ok'), z.string().regex(/^E[A-Z]+$/, 'an errno name like "EINVAL"')]);

const base = {
  /** What a correct kernel returns; marks the step as legitimate use when "ok". */
  expect: Expect.optional(),
  note: z.string().optional(),
};

const addrRef = { task: name, addr: name, offset: bytes.default(0) };

const cpuRead = z.object({ kind: z.literal('cpu-read'), ...addrRef, ...base }).strict();
const cpuWrite = z.object({ kind: z.literal('cpu-write'), ...addrRef, value: z.number().int(), ...base }).strict();
const dmaRead = z.object({ kind: z.literal('dma-read'), device: name, iova: bytes, ...base }).strict();
const dmaWrite = z.object({ kind: z.literal('dma-write'), device: name, iova: bytes, value: z.number().int(), ...base }).strict();
/** VFIO_IOMMU_UNMAP_DMA on `container` (default: the task's first container fd). */
const unmapDma = z.object({
  kind: z.literal('unmap-dma'), task: name, iova: U64, size: U64, container: name.optional(),
  /** VFIO_DMA_UNMAP_FLAG_ALL (v5.12): unmap every mapping; iova and size must be 0. */
  all: z.boolean().default(false), ...base,
}).strict();

const commonSteps = [
  /** Shorthand: open-group (unless the task holds it) + set-container + set-iommu + get-device-fd. */
  z.object({ kind: z.literal('open-device'), task: name, device: name, as: name, ...base }).strict(),
  z.object({ kind: z.literal('open-chardev'), task: name, pages: z.number().int().positive(), as: name, ...base }).strict(),
  /** open("/dev/vfio/vfio"): a new container fd. */
  z.object({ kind: z.literal('open-container'), task: name, as: name, ...base }).strict(),
  /** open("/dev/vfio/N") of the device's iommu group (one opener at a time). */
  z.object({ kind: z.literal('open-group'), task: name, device: name, as: name, ...base }).strict(),
  /** VFIO_GROUP_SET_CONTAINER: the group fd joins the container fd. */
  z.object({ kind: z.literal('set-container'), task: name, group: name, container: name, ...base }).strict(),
  /** VFIO_GROUP_UNSET_CONTAINER. */
  z.object({ kind: z.literal('unset-container'), task: name, group: name, ...base }).strict(),
  /** VFIO_SET_IOMMU (type1v2) on the container fd. */
  z.object({ kind: z.literal('set-iommu'), task: name, container: name, ...base }).strict(),
  /** VFIO_GROUP_GET_DEVICE_FD on the group fd. */
  z.object({ kind: z.literal('get-device-fd'), task: name, group: name, device: name, as: name, ...base }).strict(),
  z.object({ kind: z.literal('close'), task: name, fd: name, ...base }).strict(),
  z.object({
    kind: z.literal('mmap'), task: name, fd: name.optional(), region: z.number().int().min(0).max(7).optional(),
    offset: bytes.default(0), length: z.number().int().positive(), shared: z.boolean().default(true),
    prot: z.enum(['r', 'rw']).default('rw'), as: name, ...base,
  }).strict(),
  z.object({ kind: z.literal('munmap'), ...addrRef, length: z.number().int().positive(), ...base }).strict(),
  z.object({ kind: z.literal('mprotect'), ...addrRef, length: z.number().int().positive(), prot: z.enum(['none', 'r', 'rw']), ...base }).strict(),
  z.object({
    kind: z.literal('mremap'), ...addrRef, oldLength: z.number().int().positive(), newLength: z.number().int().positive(),
    move: z.boolean().default(false), as: name.optional(), ...base,
  }).strict(),
  z.object({ kind: z.literal('fork'), task: name, as: name, ...base }).strict(),
  z.object({ kind: z.literal('exit'), task: name, ...base }).strict(),
  cpuRead,
  cpuWrite,
  unmapDma,
  dmaRead,
  dmaWrite,
  z.object({ kind: z.literal('decode-off'), task: name, fd: name, ...base }).strict(),
  z.object({ kind: z.literal('decode-on'), task: name, fd: name, ...base }).strict(),
  /** VFIO_DEVICE_GET_INFO; `want` is what the kernel's test asserts (a mismatch is a model bug). */
  z.object({
    kind: z.literal('device-info'), task: name, fd: name,
    want: z.object({ flags: z.array(z.enum(['pci', 'reset'])), regions: z.number().int().nonnegative(), irqs: z.number().int().nonnegative() })
      .partial().strict().optional(), ...base,
  }).strict(),
  /** VFIO_DEVICE_GET_REGION_INFO of one region index (BAR0-5, ROM 6, config 7, VGA 8, ...). */
  z.object({
    kind: z.literal('region-info'), task: name, fd: name, region: z.number().int().min(0).max(31),
    want: z.object({ size: bytes, offset: bytes, flags: z.array(z.enum(['read', 'write', 'mmap'])) }).partial().strict().optional(),
    ...base,
  }).strict(),
  /** A 16-bit read of the config region at `offset`; `want` is compared after `mask` (default all bits). */
  z.object({
    kind: z.literal('config-read'), task: name, fd: name, offset: z.number().int().min(0).max(4095),
    want: z.number().int().min(0).max(0xffff).optional(), mask: z.number().int().min(0).max(0xffff).default(0xffff), ...base,
  }).strict(),
  /** Read-modify-write of a 16-bit config register: (old | set) & ~clear, as the selftest does. */
  z.object({
    kind: z.literal('config-write'), task: name, fd: name, offset: z.number().int().min(0).max(4095),
    set: z.number().int().min(0).max(0xffff).default(0), clear: z.number().int().min(0).max(0xffff).default(0), ...base,
  }).strict(),
  z.object({ kind: z.literal('fd-read'), task: name, fd: name, region: z.number().int().min(0).max(5), offset: bytes, ...base }).strict(),
  z.object({
    kind: z.literal('hot-unplug'), device: name,
    /** The task that asks for the removal (a write to sysfs `remove`); a kernel context when absent. */
    task: name.optional(),
    /** What a correct kernel does: true when the removal must wait for users, false when it completes at once. */
    blocks: z.boolean().optional(), ...base,
  }).strict(),
  /** A signal to the task waiting in a device's removal (vfio_unregister_group_dev). */
  z.object({ kind: z.literal('signal-removal'), device: name, ...base }).strict(),
  /** Time passes with nothing else happening (kernel timers fire on the way). */
  z.object({ kind: z.literal('sleep'), seconds: z.number().positive().max(3600), ...base }).strict(),
  z.object({
    kind: z.literal('hot-plug'), device: name,
    bars: z.array(z.object({ size: z.number().int().positive(), kind: z.enum(['mem32', 'mem64', 'io']) }).nullable()).max(6),
    driver: z.enum(['vfio-pci', 'none']).default('vfio-pci'), ...base,
  }).strict(),
  /** Apply a driver mistake from the mistake vocabulary (scenarios/mistakes.ts). */
  z.object({ kind: z.literal('driver-mistake'), driver: z.enum(['vfio-pci', 'mdev-ram']), mistake: name, ...base }).strict(),
  /** Fail the N-th numbered allocation / pin / map point from here on (fail-nth). */
  z.object({ kind: z.literal('fail-nth'), nth: z.number().int().positive(), ...base }).strict(),
] as const;

const resetFields = { kind: z.literal('reset'), task: name, fd: name, ...base };

/** A step another task runs in the middle of a MAP_DMA (no nesting). */
export const InnerStep = z.discriminatedUnion('kind', [...commonSteps, z.object(resetFields).strict()]);

const mapDmaFields = {
  kind: z.literal('map-dma'), ...addrRef, iova: U64, size: U64, read: z.boolean().default(true),
  write: z.boolean().default(true), ...base,
  /** The container fd to map into (default: the task's first container fd). */
  container: name.optional(),
  /** Map from a raw address instead of a named mapping (for "no vma" cases). */
  rawVaddr: U64.optional(),
};
/** MAP_DMA with no `during` steps of its own (inside a reset's window, or repeated). */
const mapDmaOnce = z.object(mapDmaFields).strict();

const mapDma = z.object({
  ...mapDmaFields,
  /** Steps another task runs while this MAP_DMA has dropped mmap_lock (after the pfn lookup). */
  during: z.array(InnerStep).optional(),
}).strict();

/** A step another task runs while a reset is in progress: an inner step or a MAP_DMA (no nesting). */
export const ResetInnerStep = z.discriminatedUnion('kind', [...commonSteps, z.object(resetFields).strict(), mapDmaOnce]);

const reset = z.object({
  ...resetFields,
  /** Steps other tasks run while the FLR is in progress (memory_lock held for write, decode off). */
  during: z.array(ResetInnerStep).optional(),
}).strict();

/** Steps a `repeat` can run many times: each takes an address offset and/or an IOVA. */
export const RepeatableStep = z.discriminatedUnion('kind', [mapDmaOnce, unmapDma, dmaRead, dmaWrite, cpuRead, cpuWrite]);

/** A repeat runs at most this many calls (65535 MAP_DMAs reach dma_entry_limit's default). */
export const REPEAT_MAX = 1 << 20;

/**
 * One scenario step that runs `step` `count` times: call i (from 0) adds i * addrStride
 * to its offset and i * iovaStride to its iova. It stops at the first call that does not
 * return the repeat's `expect` (or that crashes); the step's result is that call's, or
 * the last one's.
 */
const repeat = z.object({
  kind: z.literal('repeat'), count: z.number().int().positive().max(REPEAT_MAX),
  addrStride: bytes.default(0), iovaStride: U64.optional(), step: RepeatableStep,
  /** What every call returns (the inner step carries no expect of its own). */
  ...base,
}).strict();

export const Step = z.discriminatedUnion('kind', [...commonSteps, reset, mapDma, repeat]);
export type StepT = z.infer<typeof Step>;
export type StepKind = StepT['kind'];

export const DeviceSetup = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('pci'), name,
    bars: z.array(z.object({ size: z.number().int().positive(), kind: z.enum(['mem32', 'mem64', 'io']) }).nullable()).max(6),
    driver: z.enum(['vfio-pci', 'none']).default('vfio-pci'),
  }).strict(),
  z.object({ type: z.literal('mdev'), name, pages: z.number().int().positive() }).strict(),
]);

export const Category = z.enum(CATEGORIES);

export const Scenario = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case'),
  title: z.string().min(1),
  category: Category,
  origin: z.string().min(1),
  description: z.string().min(1),
  setup: z.object({
    devices: z.array(DeviceSetup).default([]),
    tasks: z.array(name).min(1),
    dmaEntryLimit: z.number().int().positive().optional(),
  }).strict(),
  steps: z.array(Step).min(1),
  /** For fault-injection scenarios: sweep fail-nth over the points the steps reach. */
  sweepFailNth: z.boolean().default(false),
}).strict();
export type ScenarioT = z.infer<typeof Scenario>;
export type CategoryT = z.infer<typeof Category>;

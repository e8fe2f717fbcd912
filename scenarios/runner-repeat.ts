// The `repeat` step: one scenario step that runs many calls (65535 MAP_DMAs reach the
// default dma_entry_limit). Call i of the inner step gets its offset moved by
// i * addrStride and its iova by i * iovaStride; the loader has checked that every call's
// numbers stay exact (scenarios/load-repeat.ts).
import type { Raw } from './runner-capture.ts';
import type { RepeatableStep } from './schema.ts';
import type { z } from 'zod';

export type RepeatableStepT = z.infer<typeof RepeatableStep>;

/** The i-th call of a repeat (i from 0). */
export function repeatCall(step: RepeatableStepT, i: number, addrStride: number, iovaStride: bigint): RepeatableStepT {
  if (i === 0) return step;
  switch (step.kind) {
    case 'map-dma':
      return { ...step, offset: step.offset + i * addrStride, iova: step.iova + BigInt(i) * iovaStride };
    case 'unmap-dma':
      return { ...step, iova: step.iova + BigInt(i) * iovaStride };
    case 'dma-read': case 'dma-write':
      return { ...step, iova: step.iova + i * Number(iovaStride) };
    case 'cpu-read': case 'cpu-write':
      return { ...step, offset: step.offset + i * addrStride };
  }
}

/** The call returned what `expect` says ("ok": no error; an errno name: that errno). */
export function meetsExpect(raw: Raw, expect: string | undefined): boolean {
  if (raw.crashed !== undefined || raw.skipped !== undefined) return false;
  if (expect === undefined) return true;
  return expect === 'ok' ? raw.error === undefined : raw.error === expect;
}

// Ghost: the record of every DMA a device made, what it reached and whether that was
// what the IOMMU mapping was made for. The machine and the classifier read it.
import { type Owner } from '../pci/index.ts';

export type DmaResult = 'ok' | 'iommu-fault';

/** Why a DMA reached the wrong thing; see judge() in dma.ts. */
export type StaleReason =
  | 'no-owner' | 'ram-freed' | 'ram-reallocated' | 'owner-changed' | 'device-removed' | 'bar-reallocated'
  | 'device-released';

export interface DmaRecord {
  readonly seq: number;
  readonly tick: number;
  /** BDF of the device that issued the DMA. */
  readonly device: string;
  readonly iova: number;
  readonly write: boolean;
  /** The value written, or the value the read returned (all ones after a fault). */
  readonly value: number;
  readonly result: DmaResult;
  /** The pfn the IOMMU translated to (absent after a fault). */
  readonly pfn?: number;
  /** Who owns that pfn now; { kind: 'none', pfn: -1 } after a fault. */
  readonly hit: Owner;
  /** The mapping's ghost: what it was made for and when (absent after a fault). */
  readonly intended?: { readonly desc: string; readonly mapTick: number };
  readonly stale: boolean;
  readonly staleReason?: StaleReason;
  /**
   * The DMA reached the BAR it was mapped for, but that BAR has memory decode off (the
   * device was disabled or put in D3hot): the function answered an Unsupported Request,
   * which AER logs. Not stale: nobody else was reached.
   */
  readonly unsupportedRequest?: true;
}

export class DmaLog {
  private readonly records: DmaRecord[] = [];

  /**
   * Appends a record, numbering it: `r` itself gets its seq and is kept (pass a fresh
   * object; copying it with a spread cost more than the rest of push).
   */
  push(r: Omit<DmaRecord, 'seq'>): DmaRecord {
    const rec = r as { -readonly [K in keyof DmaRecord]: DmaRecord[K] };
    rec.seq = this.records.length;
    this.records.push(rec);
    return rec;
  }

  /** Sequence number the next record will get; pass it to since(). */
  mark(): number {
    return this.records.length;
  }

  since(mark: number): readonly DmaRecord[] {
    return this.records.slice(mark);
  }

  all(): readonly DmaRecord[] {
    return this.records;
  }
}

// The kernel log ring (kernel/printk). Lines carry a timestamp derived from the
// simulation tick, never from the wall clock: one tick is one microsecond.
export type LogLevel = 'emerg' | 'alert' | 'crit' | 'err' | 'warn' | 'notice' | 'info' | 'debug';

export interface DmesgLine {
  readonly seq: number;
  readonly tick: number;
  readonly level: LogLevel;
  readonly text: string;
}

export function formatTimestamp(tick: number): string {
  const secs = Math.floor(tick / 1_000_000);
  const usecs = tick % 1_000_000;
  return `[${String(secs).padStart(5, ' ')}.${String(usecs).padStart(6, '0')}]`;
}

export class Dmesg {
  /** Kept lines are lines[head..]; the ones before head are dropped and cut off in batches. */
  private readonly lines: DmesgLine[] = [];
  private head = 0;
  private seq = 0;
  private dropped = 0;

  /** @param capacity lines kept, like log_buf_len; older lines are dropped first. */
  constructor(private readonly now: () => number, private readonly capacity = 16_384) {}

  printk(level: LogLevel, text: string): void {
    // Most texts are one line: skip split()'s array (the same lines either way).
    if (!text.includes('\n')) this.lines.push({ seq: this.seq++, tick: this.now(), level, text });
    else {
      for (const part of text.split('\n')) {
        this.lines.push({ seq: this.seq++, tick: this.now(), level, text: part });
      }
    }
    const over = this.lines.length - this.head - this.capacity;
    if (over > 0) {
      this.head += over;
      this.dropped += over;
      // Cutting the array on every line of a full log made printk O(capacity).
      if (this.head >= this.capacity) {
        this.lines.splice(0, this.head);
        this.head = 0;
      }
    }
  }

  /** Sequence number the next line will get; pass it to since() to read what a step printed. */
  mark(): number {
    return this.seq;
  }

  since(mark: number): readonly DmesgLine[] {
    const from = Math.max(mark, this.lines[this.head]?.seq ?? this.seq);
    // lines[i].seq is lines[0].seq + i (seq grows by one per line, lines go only from the
    // front): a slice, not a filter over the whole log, which every step's capture reads.
    const first = this.lines[0];
    return first === undefined ? [] : this.lines.slice(from - first.seq);
  }

  all(): readonly DmesgLine[] {
    return this.head === 0 ? this.lines : this.lines.slice(this.head);
  }

  droppedCount(): number {
    return this.dropped;
  }

  /** `dmesg` output: "[    0.000012] text". */
  format(lines: readonly DmesgLine[] = this.all()): string {
    return lines.map((l) => `${formatTimestamp(l.tick)} ${l.text}`).join('\n');
  }
}

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
  private readonly lines: DmesgLine[] = [];
  private seq = 0;
  private dropped = 0;

  /** @param capacity lines kept, like log_buf_len; older lines are dropped first. */
  constructor(private readonly now: () => number, private readonly capacity = 16_384) {}

  printk(level: LogLevel, text: string): void {
    for (const part of text.split('\n')) {
      this.lines.push({ seq: this.seq++, tick: this.now(), level, text: part });
    }
    if (this.lines.length > this.capacity) {
      const over = this.lines.length - this.capacity;
      this.lines.splice(0, over);
      this.dropped += over;
    }
  }

  /** Sequence number the next line will get; pass it to since() to read what a step printed. */
  mark(): number {
    return this.seq;
  }

  since(mark: number): readonly DmesgLine[] {
    return this.lines.filter((l) => l.seq >= mark);
  }

  all(): readonly DmesgLine[] {
    return this.lines;
  }

  droppedCount(): number {
    return this.dropped;
  }

  /** `dmesg` output: "[    0.000012] text". */
  format(lines: readonly DmesgLine[] = this.lines): string {
    return lines.map((l) => `${formatTimestamp(l.tick)} ${l.text}`).join('\n');
  }
}

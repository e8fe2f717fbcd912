// Plain-text layout for mail: ASCII only, lines of at most TEXT_WIDTH columns (so a
// reply can quote them with "> " and stay under 76), words wrapped with a hanging
// indent, tables split into column groups that fit.

export const TEXT_WIDTH = 72;

const ASCII_FOR: Readonly<Record<string, string>> = {
  '→': '->', '←': '<-', '×': 'x', '—': '-', '–': '-', '‘': "'", '’': "'", '“': '"', '”': '"', '…': '...', 'µ': 'u', '≈': '~', '±': '+/-',
};

/** `s` with every non-ASCII character replaced (known ones by an ASCII spelling, the rest by "?"). */
export function ascii(s: string): string {
  return [...s].map((ch) => (/^[\x20-\x7e]$/.test(ch) ? ch : ASCII_FOR[ch] ?? (ch === '\t' ? ' ' : '?'))).join('');
}

/** Word-wraps `s` to `width`, the first line after `first`, the rest after `rest` (a word longer than a line stands alone, cut to fit). */
export function wrap(s: string, first = '', rest = first, width = TEXT_WIDTH): string[] {
  const out: string[] = [];
  let line = first;
  let empty = true;
  for (const raw of ascii(s).split(/\s+/).filter((w) => w !== '')) {
    const room = width - (out.length === 0 ? first.length : rest.length);
    const word = raw.length > room ? `${raw.slice(0, room - 1)}~` : raw;
    if (!empty && line.length + 1 + word.length > width) {
      out.push(line);
      line = rest + word;
    } else {
      line = empty ? line + word : `${line} ${word}`;
    }
    empty = false;
  }
  out.push(line);
  return out.map((l) => l.trimEnd());
}

/** A shell command on lines of at most `width`, continued with " \". */
export function wrapCommand(cmd: string, indent = '  ', width = TEXT_WIDTH): string[] {
  return wrap(cmd, indent, `${indent}    `, width - 2).map((l, i, all) => (i < all.length - 1 ? `${l} \\` : l));
}

export interface TextTable {
  readonly head: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Columns after the first that are right-aligned (numbers); default all. */
  readonly left?: readonly number[];
}

/**
 * The table as padded lines no wider than `width`: the first column repeats, and the
 * other columns are split into groups that fit, one block per group.
 */
export function textTable(t: TextTable, width = TEXT_WIDTH): string[] {
  const cols = t.head.length;
  const w = Array.from({ length: cols }, (_, i) => Math.max(ascii(t.head[i] ?? '').length, ...t.rows.map((r) => ascii(r[i] ?? '').length)));
  const firstW = Math.min(w[0] ?? 0, Math.max(8, width - 2 - Math.max(...w.slice(1), 0)));
  const groups: number[][] = [];
  let cur: number[] = [];
  let used = firstW;
  for (let i = 1; i < cols; i++) {
    const need = 2 + (w[i] ?? 0);
    if (cur.length > 0 && used + need > width) {
      groups.push(cur);
      cur = [];
      used = firstW;
    }
    cur.push(i);
    used += need;
  }
  if (cur.length > 0 || cols === 1) groups.push(cur);
  const fit = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}~` : s);
  const line = (r: readonly string[], g: readonly number[]): string => [
    fit(ascii(r[0] ?? ''), firstW).padEnd(firstW),
    ...g.map((i) => {
      const s = ascii(r[i] ?? '');
      return t.left?.includes(i) ? s.padEnd(w[i] ?? 0) : s.padStart(w[i] ?? 0);
    }),
  ].join('  ').trimEnd();
  return groups.flatMap((g, k) => [...(k > 0 ? [''] : []), line(t.head, g), ...t.rows.map((r) => line(r, g))]);
}

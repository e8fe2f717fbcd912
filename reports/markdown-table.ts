// Markdown tables: one line per row, pipes in cells escaped.

/** Table-cell text: one line, pipes escaped. */
export function cell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

export function table(head: readonly string[], rows: ReadonlyArray<readonly string[]>, align?: readonly ('l' | 'r')[]): string {
  const sep = head.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [head, sep, ...rows].map((r) => `| ${r.map(cell).join(' | ')} |`).join('\n');
}

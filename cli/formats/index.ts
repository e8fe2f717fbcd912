// Output formats by name; the type of the names comes from the map (vitest's ReportersMap).
import type { CellResult } from '../../scenarios/index.ts';
import type { FormatContext } from './context.ts';
import type { FormatName } from './names.ts';
import { formatJson } from './json.ts';
import { formatKtap } from './ktap.ts';
import { formatText } from './text.ts';

export type { FormatContext } from './context.ts';

export const FORMATS = {
  text: formatText,
  json: formatJson,
  ktap: formatKtap,
} as const satisfies Readonly<Record<FormatName, (cells: readonly CellResult[], ctx: FormatContext) => string>>;

export { FORMAT_NAMES, type FormatName } from './names.ts';

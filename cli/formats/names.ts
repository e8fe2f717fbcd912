// The output formats' names, as plain data (the CLI registers --format choices from these
// without loading the formatters; index.ts maps every name to its formatter).
export const FORMAT_NAMES = ['text', 'json', 'ktap'] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

// The scenario categories, as plain data: the schema's enum is made from this list, and
// the CLI registers `--category` choices from it without loading zod.
export const CATEGORIES = ['correctness', 'user-error', 'lifecycle', 'driver-misuse', 'fault-injection', 'conformance'] as const;

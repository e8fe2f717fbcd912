// The project config's file name, apart from its schema (config.ts, zod), for the
// commands that only need to know whether there is one.
export const CONFIG_FILE = 'arena.config.json';

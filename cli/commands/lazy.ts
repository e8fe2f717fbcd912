// The action of a command whose work lives in another module: the module is imported
// when the command runs, not when the program is built, so the program (and --help)
// loads only the registrations.
import type { CommandContext } from './types.ts';

/** What a command's work module exports: its action, called with the context and commander's arguments. */
export interface CommandModule<A extends unknown[]> {
  action(ctx: CommandContext, ...args: A): Promise<void>;
}

export function lazyAction<A extends unknown[]>(ctx: CommandContext, load: () => Promise<CommandModule<A>>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    const mod = await load();
    await mod.action(ctx, ...args);
  };
}

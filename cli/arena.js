#!/usr/bin/env node
// The `arena` bin: registers tsx (its programmatic `register()` API) so the TypeScript
// sources, and a user's .ts design module, run as they are; registers the resolve hook
// that lets a design anywhere import 'pfnmap-arena/design'; then hands over to cli/main.ts.
import { register as registerHooks } from 'node:module';
import { register } from 'tsx/esm/api';

register();
registerHooks('./self-resolve.mjs', import.meta.url);
await import('./main.ts');

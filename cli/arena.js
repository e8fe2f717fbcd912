#!/usr/bin/env -S node --max-semi-space-size=4
// The `arena` bin: plain node over the modules compiled ahead into dist/ (cli/build.mjs,
// run by `npm ci`). When a source changed since that build, it is rebuilt first, so an
// edited checkout never runs stale code. The build's folder is left in a global for the
// loader of user design modules (designs/load-module.ts). The small young generation
// (V8's default lets the heap fill with tens of MiB of short-lived cells between
// scavenges) keeps a full report or a long fuzz campaign well under 200 MiB.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, freshBuild } from './build.mjs';

const dir = freshBuild() ?? (await build());
globalThis[Symbol.for('pfnmap-arena.build')] = pathToFileURL(`${dir}/`).href;
await import(pathToFileURL(join(dir, 'cli', 'main.js')).href);

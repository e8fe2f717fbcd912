// The worker thread: runs the items of each message with the handler of its kind and
// posts the results back under the message's start index (pool.ts). The compiled
// build's URL comes along, for the loader of design modules (designs/load-module.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { handle } from './handlers.ts';
import type { JobKind, JobRequest } from './protocol.ts';

const build: unknown = (workerData as { build?: unknown } | null)?.build;
if (typeof build === 'string') (globalThis as Record<symbol, unknown>)[Symbol.for('pfnmap-arena.build')] = build;

parentPort?.on('message', (m: { kind: JobKind; start: number; items: ReadonlyArray<JobRequest[JobKind]> }) => {
  handle(m.kind, m.items as never).then(
    (results) => parentPort?.postMessage({ start: m.start, results }),
    (e: unknown) => parentPort?.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
  );
});

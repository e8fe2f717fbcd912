// The worker thread: runs the items of each message with the handler of its kind and
// posts the results back under the message's start index (pool.ts).
import { parentPort } from 'node:worker_threads';
import { handle } from './handlers.ts';
import type { JobKind, JobRequest } from './protocol.ts';

parentPort?.on('message', (m: { kind: JobKind; start: number; items: ReadonlyArray<JobRequest[JobKind]> }) => {
  try {
    parentPort?.postMessage({ start: m.start, results: handle(m.kind, m.items as never) });
  } catch (e) {
    parentPort?.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});

// A pool of node:worker_threads for work that splits into independent items (cells,
// fuzz sequences). Items go out in chunks as workers become free and come back by
// index, so the order of the results never depends on which worker ran what: the
// caller folds them exactly as it would fold results computed in this thread.
// The worker is the compiled worker.js next to this file (dist/, what the bin runs) or,
// under vitest or tsx, worker.ts run through tsx's loader.
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { anyLoadedDesign } from '../../designs/sources.ts';
import { handle } from './handlers.ts';
import type { JobKind, JobReply, JobRequest } from './protocol.ts';

export { defaultJobs } from './jobs.ts';

// import.meta.filename is the file actually running (the build rewrites only .url and
// .dirname to name the source, for code that finds data next to itself).
const here = import.meta.filename ?? fileURLToPath(import.meta.url);
const compiled = here.endsWith('.js');
const WORKER = join(dirname(here), compiled ? 'worker.js' : 'worker.ts');

/**
 * A worker's young generation as the bin's `--max-semi-space-size=4` makes this
 * thread's (V8 sizes it at three semi-spaces): the default lets each isolate's heap grow
 * to tens of MiB of garbage between scavenges, which is most of a job's memory.
 */
const LIMITS = { resourceLimits: { maxYoungGenerationSizeMb: 12 } };

/** What every worker starts with: the running build's URL (cli/arena.js sets it), if any. */
function workerOptions(): { resourceLimits: { maxYoungGenerationSizeMb: number }; workerData: { build?: string } } {
  const build: unknown = (globalThis as Record<symbol, unknown>)[Symbol.for('pfnmap-arena.build')];
  return { ...LIMITS, workerData: typeof build === 'string' ? { build } : {} };
}

/**
 * From source (vitest, tsx) the worker is TypeScript: a small bootstrap registers tsx's
 * loader in the new thread, then imports worker.ts. The compiled worker.js needs it only
 * when a design was loaded from a module (it may be .ts): in Node 20 a loader registered
 * later, from inside the worker's module graph, does not reach that worker's imports.
 */
function spawn(): Worker {
  if (compiled && !anyLoadedDesign()) return new Worker(WORKER, workerOptions());
  // tsx/esm/api resolves to its CommonJS build here; its ES build sits beside it.
  const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(WORKER).href)}); });`;
  return new Worker(boot, { eval: true, ...workerOptions() });
}

interface Reply {
  readonly start?: number;
  readonly results?: unknown[];
  readonly error?: string;
}

/** Chunks each worker holds at once, so it never waits for this thread to hand it the next. */
const IN_FLIGHT = 2;

/**
 * `jobs` threads: this one and jobs - 1 workers, started on first use and kept for every
 * later run (a report's two rounds share them); close() ends them. This thread takes
 * chunks too, between handing chunks to the workers (one isolate fewer in memory).
 */
export class WorkerPool {
  private workers: Worker[] = [];

  constructor(readonly jobs: number) {}

  /** One result per item of `items`, in item order; `chunk` items per message. */
  async run<K extends JobKind>(kind: K, items: ReadonlyArray<JobRequest[K]>, chunk: number): Promise<Array<JobReply[K]>> {
    const results: Array<JobReply[K]> = new Array(items.length);
    const starts: number[] = [];
    for (let i = 0; i < items.length; i += chunk) starts.push(i);
    while (this.workers.length < Math.min(this.jobs - 1, starts.length - 1)) this.workers.push(spawn());
    let next = 0;
    let inFlight = 0;
    let failed: Error | null = null;
    let wake: (() => void) | null = null;
    const store = (start: number, rs: readonly unknown[]): void => rs.forEach((r, j) => {
      results[start + j] = r as JobReply[K];
    });
    const feed = (w: Worker): void => {
      const start = starts[next];
      if (start === undefined || failed) return;
      next += 1;
      inFlight += 1;
      w.postMessage({ kind, start, items: items.slice(start, start + chunk) });
    };
    const listeners = this.workers.map((w) => {
      const onMessage = (m: Reply): void => {
        inFlight -= 1;
        if (m.error !== undefined || m.start === undefined || !m.results) failed ??= new Error(`worker: ${m.error ?? 'malformed reply'}`);
        else store(m.start, m.results);
        feed(w);
        wake?.();
      };
      const onError = (e: Error): void => {
        failed ??= e;
        wake?.();
      };
      const onExit = (code: number): void => onError(new Error(`worker exited with code ${code}`));
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      for (let i = 0; i < IN_FLIGHT; i++) feed(w);
      return () => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
      };
    });
    try {
      while (!failed && (next < starts.length || inFlight > 0)) {
        const start = starts[next];
        if (start !== undefined) {
          next += 1;
          // Item by item, letting the workers' replies in between (and handing them their
          // next chunks), so no worker waits while this thread is busy with a long item.
          for (let i = start; i < Math.min(start + chunk, items.length); i++) {
            store(i, await handle(kind, items.slice(i, i + 1)));
            await new Promise<void>((r) => setImmediate(r));
          }
        } else {
          await new Promise<void>((r) => {
            wake = r;
          });
          wake = null;
        }
      }
    } finally {
      for (const off of listeners) off();
    }
    if (failed) throw failed;
    return results;
  }

  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }
}

/** A pool for the duration of `body`, closed after it (also when it throws). */
export async function withPool<T>(jobs: number, body: (pool: WorkerPool) => Promise<T>): Promise<T> {
  const pool = new WorkerPool(jobs);
  try {
    return await body(pool);
  } finally {
    await pool.close();
  }
}

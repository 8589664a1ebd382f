/**
 * What a simulation worker does, independent of how it is reached: the browser exposes it from
 * a web worker (`simulation.worker.ts`), the command line from a Node worker thread
 * (`src/cli/simulation-thread.ts`), both through comlink.
 *
 * A job (a compiled model and its plan) is posted once; the pool then asks for chunks by
 * index. Results go back as transferable typed arrays, so nothing is copied twice.
 *
 * A chunk runs in slices of about {@link SLICE_MS} milliseconds and the worker returns to its
 * event loop between two slices. That is what makes a cancel take effect at once: a browser
 * does not end a worker in the middle of a long task (Chromium lets it run for up to two
 * seconds after `terminate()`), and a worker busy in one long task would not even read a stop
 * message. Between slices it reads {@link SimulationWorkerApi.stop}, gives the chunk up and
 * answers with the time it stopped, so the pool knows its workers have ended rather than
 * assuming it. The slices draw the same random numbers in the same order as one long loop, so
 * the figures are exactly those of `runSimulationChunk` and `runComparisonChunk`.
 */
import { releaseProxy, transfer, type ProxyMethods } from 'comlink';
import type { Model } from '../sim/model';
import {
  chunkLength,
  PairedChunk,
  runUncertaintyChunk,
  tallyBuffers,
  TrialRunner,
  type CompiledModel,
  type ComparisonTally,
  type SimulationPlan,
  type SimulationTally,
  type UncertaintyPlan,
} from '../sim/montecarlo';
import { STREAM_PURPOSE } from '../sim/random';
import { CHECKPOINT_STRIDE, type ChunkCheckpoints } from './convergence';

/**
 * Work a pool hands to its workers. With `checkpointEvery` (trials), a chunk also returns its
 * running counts every that many trials (`convergence.ts`), for the convergence trace.
 */
export type SimulationJob =
  | { kind: 'simulate'; compiled: CompiledModel; plan: SimulationPlan; checkpointEvery?: number }
  | { kind: 'compare'; compiled: CompiledModel[]; plan: SimulationPlan; checkpointEvery?: number }
  | { kind: 'uncertainty'; model: Model; plan: UncertaintyPlan };

/** A chunk's counts, with its checkpoints when the job asked for them. */
export type SimulationChunk = SimulationTally & { checkpoints?: ChunkCheckpoints };
/** A chunk's paired counts, with the baseline's checkpoints when the job asked for them. */
export type ComparisonChunk = ComparisonTally & { checkpoints?: ChunkCheckpoints };

/** Called by a worker while a long chunk runs: trials done so far in chunk `chunk` of `job`. */
export type ChunkProgress = (job: number, chunk: number, trialsDone: number) => void;

/** The functions a simulation worker exposes. */
export interface SimulationWorkerApi {
  /** Keeps `job` under the id `jobId`; `progress` (optional) receives in-chunk progress. */
  load(jobId: number, job: SimulationJob, progress?: ChunkProgress): void;
  /** Runs chunk `index` of a `simulate` job. */
  simulateChunk(jobId: number, index: number): Promise<SimulationChunk>;
  /** Runs chunk `index` of a `compare` job. */
  compareChunk(jobId: number, index: number): Promise<ComparisonChunk>;
  /** Runs chunk `index` of an `uncertainty` job: R of each draw. */
  uncertaintyChunk(jobId: number, index: number): Float64Array;
  /** Forgets a job. */
  unload(jobId: number): void;
  /**
   * Stops computing: the chunk running now is given up at the end of its slice, and chunks
   * asked for afterwards are refused. Resolves once nothing runs any more, with that moment in
   * milliseconds since the epoch (`performance.timeOrigin + performance.now()`, comparable
   * across the page and its workers).
   */
  stop(): Promise<number>;
}

/** Least time between two in-chunk progress reports, milliseconds. */
const PROGRESS_INTERVAL_MS = 100;

/**
 * Longest time a worker computes before it reads its messages again, milliseconds: well inside
 * the 100 ms a cancel may take (SPEC §3), and long enough that the pauses cost nothing.
 */
export const SLICE_MS = 10;

/**
 * Trials run between two looks at the clock, adapted to the blueprint: doubled while a batch
 * takes under half a millisecond, halved while it takes over two, so the clock is read about
 * once a millisecond whether a trial takes 30 ns (the courier) or a millisecond (a chain of
 * thousands of steps).
 */
function nextBatch(batch: number, tookMs: number): number {
  if (tookMs < 0.5) return Math.min(batch * 2, 1 << 16);
  if (tookMs > 2) return Math.max(1, batch >> 1);
  return batch;
}

/** Trials in the first batch of a chunk. */
const FIRST_BATCH = 64;

/** Thrown into a chunk that a stop gave up. */
export class WorkerStoppedError extends Error {
  constructor() {
    super('The simulation worker was stopped.');
    this.name = 'WorkerStoppedError';
  }
}

/** Resolves on the next turn of the event loop, after messages already waiting are read. */
function nextTurn(): Promise<void> {
  // A message to itself is a macrotask (a promise would not let messages in) without the
  // minimum delay browsers put on nested timers.
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    // Node's typings of MessagePort (the command line compiles this module against them) leave
    // out the `onmessage` handler that Node supports like browsers do.
    const receiver = port1 as unknown as { onmessage: (() => void) | null; close(): void };
    receiver.onmessage = () => {
      receiver.close();
      resolve();
    };
    port2.postMessage(null);
    port2.close();
  });
}

/** The time now in milliseconds since the epoch, with sub-millisecond precision. */
export function epochMillis(): number {
  return performance.timeOrigin + performance.now();
}

/** Where a chunk notes its running counts: every `every` trials before its end. */
interface CheckpointLog {
  every: number;
  values: ChunkCheckpoints;
  note(trials: number, successes: number, stopped: number): void;
}

/** A log for a chunk of `length` trials, or null when the job asked for no checkpoints. */
function checkpoints(every: number | undefined, length: number): CheckpointLog | null {
  if (every === undefined || !(every >= 1)) return null;
  const values = new Float64Array(Math.max(0, Math.ceil(length / every) - 1) * CHECKPOINT_STRIDE);
  let at = 0;
  return {
    every,
    values,
    note(trials, successes, stopped) {
      values[at++] = trials;
      values[at++] = successes;
      values[at++] = stopped;
    },
  };
}

/**
 * The loop of a chunk of `length` trials, cut into slices: `run(count)` runs the next `count`
 * trials, in batches sized by {@link nextBatch} and ended at each checkpoint (cutting the loop
 * there draws the same numbers); `counts()` gives the successes and stopped trials so far, noted
 * every `checkpointEvery` trials. Between batches it calls `slice` with the time and, when that
 * pauses, reports progress first. Returns the checkpoints, or null when none were asked for.
 */
async function slicedChunk(
  length: number,
  checkpointEvery: number | undefined,
  run: (count: number) => void,
  counts: () => [successes: number, stopped: number],
  slice: (time: number) => Promise<void> | null,
  onProgress: ((trialsDone: number) => void) | undefined,
  now: () => number,
): Promise<ChunkCheckpoints | null> {
  const marks = checkpoints(checkpointEvery, length);
  let nextMark = marks ? marks.every : Infinity;
  let batch = FIRST_BATCH;
  let time = now();
  for (let done = 0; done < length;) {
    const count = Math.min(batch, length - done, nextMark - done);
    run(count);
    done += count;
    if (marks && done === nextMark && done < length) {
      const [successes, stopped] = counts();
      marks.note(done, successes, stopped);
      nextMark += marks.every;
    }
    const before = time;
    time = now();
    batch = nextBatch(batch, time - before);
    const pause = done < length ? slice(time) : null;
    if (pause) {
      onProgress?.(done);
      await pause;
      time = now();
    }
  }
  return marks ? marks.values : null;
}

interface LoadedJob<J extends SimulationJob = SimulationJob> {
  job: J;
  runners: TrialRunner[];
  progress?: ChunkProgress;
}

/**
 * Creates the worker-side implementation. `now` is the clock used to space progress reports
 * (milliseconds).
 */
export function createSimulationWorkerApi(
  now: () => number = () => performance.now(),
): SimulationWorkerApi {
  const jobs = new Map<number, LoadedJob>();
  let stopped = false;
  /** The chunk being computed; chunks wait for each other, since they share the job's runners. */
  let queue: Promise<unknown> = Promise.resolve();
  let running: Promise<unknown> = Promise.resolve();

  /**
   * Runs `work` after the chunks asked for before it. `work` calls `slice` with the time now
   * whenever it may pause; `slice` returns to the event loop once {@link SLICE_MS} have passed,
   * and throws once the worker is stopped.
   */
  const inTurn = <T>(
    work: (slice: (time: number) => Promise<void> | null) => Promise<T>,
  ): Promise<T> => {
    const turn = queue.then(async () => {
      if (stopped) throw new WorkerStoppedError();
      let sliceEnd = now() + SLICE_MS;
      const pause = async () => {
        await nextTurn();
        if (stopped) throw new WorkerStoppedError();
        sliceEnd = now() + SLICE_MS;
      };
      return work((time) => (time >= sliceEnd ? pause() : null));
    });
    running = turn.catch(() => undefined);
    queue = running;
    return turn;
  };

  const loaded = <K extends SimulationJob['kind']>(
    jobId: number,
    kind: K,
  ): LoadedJob<Extract<SimulationJob, { kind: K }>> => {
    const entry = jobs.get(jobId);
    if (!entry || entry.job.kind !== kind) {
      throw new Error(`The simulation worker has no ${kind} job number ${jobId}.`);
    }
    return entry as LoadedJob<Extract<SimulationJob, { kind: K }>>;
  };

  const reporter = (jobId: number, index: number, entry: LoadedJob) => {
    const progress = entry.progress;
    if (!progress) return undefined;
    let last = now();
    return (trialsDone: number) => {
      const time = now();
      if (time - last < PROGRESS_INTERVAL_MS) return;
      last = time;
      void progress(jobId, index, trialsDone);
    };
  };

  return {
    load(jobId, job, progress) {
      const runners =
        job.kind === 'simulate'
          ? [new TrialRunner(job.compiled)]
          : job.kind === 'compare'
            ? job.compiled.map((c) => new TrialRunner(c))
            : [];
      jobs.set(jobId, { job, runners, progress });
    },

    simulateChunk(jobId, index) {
      const entry = loaded(jobId, 'simulate');
      const onProgress = reporter(jobId, index, entry);
      return inTurn(async (slice) => {
        // The loop of `runSimulationChunk`, cut into slices: the same stream, the same trials.
        const runner = entry.runners[0];
        const plan = entry.job.plan;
        runner.random.seed(plan.seed, index, STREAM_PURPOSE.trials);
        let successes = 0;
        const marks = await slicedChunk(
          chunkLength(plan, index),
          entry.job.checkpointEvery,
          (count) => void (successes += runner.runTrials(count)),
          () => [successes, runner.stoppedSoFar],
          slice,
          onProgress,
          now,
        );
        const tally: SimulationChunk = runner.takeTally();
        const buffers = tallyBuffers(tally);
        if (marks) {
          tally.checkpoints = marks;
          buffers.push(marks.buffer as ArrayBuffer);
        }
        return transfer(tally, buffers);
      });
    },

    compareChunk(jobId, index) {
      const entry = loaded(jobId, 'compare');
      const onProgress = reporter(jobId, index, entry);
      return inTurn(async (slice) => {
        // The loop of `runComparisonChunk`, cut into slices: every trial runs under every
        // version from the same three numbers of the chunk's master stream.
        const chunk = new PairedChunk(entry.runners, entry.job.plan, index);
        const marks = await slicedChunk(
          chunkLength(entry.job.plan, index),
          entry.job.checkpointEvery,
          (count) => chunk.run(count),
          () => [chunk.baselineSuccesses, chunk.baselineStopped],
          slice,
          onProgress,
          now,
        );
        const tally: ComparisonChunk = chunk.tally();
        const buffers = tally.versions.flatMap(tallyBuffers);
        buffers.push(tally.gained.buffer as ArrayBuffer, tally.lost.buffer as ArrayBuffer);
        if (marks) {
          tally.checkpoints = marks;
          buffers.push(marks.buffer as ArrayBuffer);
        }
        return transfer(tally, buffers);
      });
    },

    uncertaintyChunk(jobId, index) {
      // A chunk of draws is short (a few exact analyses), so it runs in one piece.
      if (stopped) throw new WorkerStoppedError();
      const { job } = loaded(jobId, 'uncertainty');
      const values = runUncertaintyChunk(job.model, job.plan, index);
      return transfer(values, [values.buffer as ArrayBuffer]);
    },

    unload(jobId) {
      const entry = jobs.get(jobId);
      jobs.delete(jobId);
      // A progress callback that came through comlink holds a message port open: release it.
      const remote = entry?.progress as Partial<ProxyMethods> | undefined;
      remote?.[releaseProxy]?.();
    },

    async stop() {
      stopped = true;
      await running;
      return epochMillis();
    },
  };
}

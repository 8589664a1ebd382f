/**
 * What a simulation worker does, independent of how it is reached: the browser exposes it from
 * a web worker (`simulation.worker.ts`), the command line from a Node worker thread
 * (`src/cli/simulation-thread.ts`), both through comlink.
 *
 * A job (a compiled model and its plan) is posted once; the pool then asks for chunks by
 * index. Results go back as transferable typed arrays, so nothing is copied twice.
 */
import { releaseProxy, transfer, type ProxyMethods } from 'comlink';
import type { Model } from '../sim/model';
import {
  runComparisonChunk,
  runSimulationChunk,
  runUncertaintyChunk,
  tallyBuffers,
  TrialRunner,
  type CompiledModel,
  type ComparisonTally,
  type SimulationPlan,
  type SimulationTally,
  type UncertaintyPlan,
} from '../sim/montecarlo';

/** Work a pool hands to its workers. */
export type SimulationJob =
  | { kind: 'simulate'; compiled: CompiledModel; plan: SimulationPlan }
  | { kind: 'compare'; compiled: CompiledModel[]; plan: SimulationPlan }
  | { kind: 'uncertainty'; model: Model; plan: UncertaintyPlan };

/** Called by a worker while a long chunk runs: trials done so far in chunk `chunk` of `job`. */
export type ChunkProgress = (job: number, chunk: number, trialsDone: number) => void;

/** The functions a simulation worker exposes. */
export interface SimulationWorkerApi {
  /** Keeps `job` under the id `jobId`; `progress` (optional) receives in-chunk progress. */
  load(jobId: number, job: SimulationJob, progress?: ChunkProgress): void;
  /** Runs chunk `index` of a `simulate` job. */
  simulateChunk(jobId: number, index: number): SimulationTally;
  /** Runs chunk `index` of a `compare` job. */
  compareChunk(jobId: number, index: number): ComparisonTally;
  /** Runs chunk `index` of an `uncertainty` job: R of each draw. */
  uncertaintyChunk(jobId: number, index: number): Float64Array;
  /** Forgets a job. */
  unload(jobId: number): void;
}

/** Least time between two in-chunk progress reports, milliseconds. */
const PROGRESS_INTERVAL_MS = 100;

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
      const tally = runSimulationChunk(entry.runners[0], entry.job.plan, index, onProgress);
      return transfer(tally, tallyBuffers(tally));
    },

    compareChunk(jobId, index) {
      const entry = loaded(jobId, 'compare');
      const onProgress = reporter(jobId, index, entry);
      const tally = runComparisonChunk(entry.runners, entry.job.plan, index, onProgress);
      const buffers = tally.versions.flatMap(tallyBuffers);
      buffers.push(tally.gained.buffer as ArrayBuffer, tally.lost.buffer as ArrayBuffer);
      return transfer(tally, buffers);
    },

    uncertaintyChunk(jobId, index) {
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
  };
}

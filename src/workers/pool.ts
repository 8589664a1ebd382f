/**
 * A pool of simulation workers and the one scheduler both the app and the command line use.
 *
 * How the work is shared: the job (compiled model and plan) is posted once to every worker;
 * chunks are then handed out one at a time to whichever worker is free (two in flight per
 * worker, so none waits for a message), and their results are merged strictly in chunk order.
 * Since chunk i always draws from stream (seed, i), the figures are the same for any number of
 * workers. Results that arrive ahead of their turn wait, at most a few per worker, so memory
 * stays flat however many trials are run.
 *
 * Cancelling stops the workers and then terminates them (new ones start on the next run). A
 * worker reads its messages between slices of a chunk (`simulation-api.ts`), so it confirms the
 * stop within milliseconds, and the cancelled run's result says when the last of its workers
 * ended ({@link WorkersEnded}), measured, not assumed: a test, or the app's panel, can check it
 * against the click. An error in a worker, or a worker that dies, fails the
 * run with a readable message rather than leaving it waiting. Workers left without a run for
 * `idleTimeoutMs` stop too, so an idle app holds no threads; the next run starts them again.
 *
 * The pool runs what it is given: {@link SimulationPool.runSimulation} and
 * {@link SimulationPool.runComparison} take a model already compiled, so a caller that keeps
 * compiled forms (the engine, `engine.ts`) compiles each revision once; `simulate` and
 * `compare` compile on the way, for the command line.
 *
 * Where the workers come from is the caller's business: `browser-pool.ts` makes web workers,
 * `src/cli/node-pool.ts` Node worker threads.
 */
import { proxy, type Remote } from 'comlink';
import type { Model } from '../sim/model';
import {
  compileModel,
  type CompiledModel,
  type SimulationPlan,
  ComparisonAccumulator,
  planSimulation,
  planUncertainty,
  prepareComparison,
  SimulationAccumulator,
  UncertaintyAccumulator,
  wilsonHalfWidth,
  type ComparedModel,
  type ConvergencePoint,
  type ComparisonResult,
  type SimulationOptions,
  type SimulationResult,
  type UncertaintyOptions,
  type UncertaintyResult,
} from '../sim/montecarlo';
import {
  checkpointInterval,
  ConvergenceTrace,
  type ChunkCheckpoints,
  type ChunkCounts,
} from './convergence';
import { epochMillis, type SimulationJob, type SimulationWorkerApi } from './simulation-api';

/** One worker as the pool sees it. */
export interface SimulationWorkerHandle {
  /** The worker's functions, through comlink. */
  api: Remote<SimulationWorkerApi>;
  /** Stops the worker at once. */
  terminate(): void;
  /**
   * Registers the listener to call if the worker fails outside a call (it cannot start, it
   * dies, an uncaught error): with a sentence saying what happened.
   */
  onFailure(listener: (message: string) => void): void;
}

/** Starts one worker. */
export type WorkerFactory = () => SimulationWorkerHandle;

/** Where a run stands, reported about ten times a second. */
export interface SimulationProgress {
  /** Trials (or draws) done so far. */
  done: number;
  /** Trials (or draws) the run will do at most. */
  total: number;
  /** Current estimate of R (the baseline's in a comparison), 0–1; NaN before the first chunk. */
  reliability: number;
  /** Half-width of its 95 % interval. */
  halfWidth: number;
  /** Trials (or draws) per second so far. */
  perSecond: number;
  /** Seconds since the run started. */
  elapsedSeconds: number;
  /**
   * Points of the convergence trace recorded since the previous report, in order of trials
   * (empty for an uncertainty analysis); together, the reports carry the whole trace.
   */
  points: ConvergencePoint[];
}

/** How a run can be watched and stopped. */
export interface RunControls {
  /** Called about ten times a second while the run goes on, and once at its end. */
  onProgress?: (progress: SimulationProgress) => void;
  /** Aborting it cancels the run: every worker stops within milliseconds. */
  signal?: AbortSignal;
}

/**
 * How the workers of a cancelled run ended. Times are milliseconds since the epoch
 * (`performance.timeOrigin + performance.now()`), comparable between the page and its workers.
 */
export interface WorkersEnded {
  /** When the cancel reached the pool. */
  requestedAt: number;
  /**
   * When the last worker had stopped computing: the latest of the times the workers confirmed,
   * or, for a worker that did not confirm within {@link STOP_GRACE_MS}, the time it was
   * terminated.
   */
  endedAt: number;
  /** Workers stopped. */
  workers: number;
  /** Workers that did not confirm within {@link STOP_GRACE_MS} and were terminated unasked. */
  unconfirmed: number;
}

/**
 * Milliseconds a worker has to confirm a stop before it is terminated without confirming: the
 * 100 ms a cancel may take (SPEC §3). A worker still loading its script cannot answer sooner.
 */
export const STOP_GRACE_MS = 100;

/** What every pool run adds to its figures. */
export interface RunInfo {
  /** True when the run was cancelled; the figures are those of the chunks merged by then. */
  cancelled: boolean;
  /** For a cancelled run that had started, how and when its workers ended; null otherwise. */
  workersEnded: WorkersEnded | null;
  /** Wall-clock seconds of the run. */
  elapsedSeconds: number;
  /** Trials (or draws) per second. */
  perSecond: number;
  /** Workers used. */
  workers: number;
}

/** What a simulation or a comparison adds: the baseline's trace. */
export interface TracedRun {
  /**
   * R of the simulated blueprint (the baseline's, in a comparison) and its 95 % interval at
   * checkpoints spread over the run from the first chunk on (`convergence.ts`): at least 64
   * points for a complete run, at most 256. Finer than `convergence`, which has a point per
   * chunk merged.
   */
  convergenceTrace: ConvergencePoint[];
}

export type PoolSimulationResult = SimulationResult & RunInfo & TracedRun;
export type PoolComparisonResult = ComparisonResult & RunInfo & TracedRun;
export type PoolUncertaintyResult = UncertaintyResult & RunInfo;

/** Options of {@link SimulationPool}. */
export interface SimulationPoolOptions {
  createWorker: WorkerFactory;
  /** Number of workers, ≥ 1. */
  size: number;
  /** Milliseconds clock; default `performance.now`. */
  now?: () => number;
  /**
   * Milliseconds without a run after which the workers stop (started again by the next run);
   * by default they run until `terminate()`.
   */
  idleTimeoutMs?: number;
}

/** Least time between two progress reports, milliseconds. */
const PROGRESS_INTERVAL_MS = 100;
/** Chunks in flight per worker. */
const LANES_PER_WORKER = 2;
/** Results allowed to wait for their turn, per worker. */
const WINDOW_PER_WORKER = 4;

/** What the scheduler needs to know about one kind of run. */
interface ChunkedRun<R> {
  job: SimulationJob;
  chunkCount: number;
  /** Trials (or draws) in a chunk. */
  chunkSize(index: number): number;
  total: number;
  call(api: Remote<SimulationWorkerApi>, jobId: number, index: number): Promise<R>;
  /** Merges the next chunk in order; returns true when the run is complete. */
  accept(result: R): boolean;
  /** Trials merged so far and the current estimate, for progress. */
  estimate(): { merged: number; reliability: number; halfWidth: number };
  /** Points of the trace recorded since the last call. */
  takePoints(): ConvergencePoint[];
}

/** A simulation or a comparison as {@link SimulationPool} runs its trials. */
interface TrialRun<Chunk, Result> {
  job: SimulationJob;
  plan: SimulationPlan;
  call(api: Remote<SimulationWorkerApi>, jobId: number, index: number): Promise<Chunk>;
  /** Merges the next chunk in order; returns true when the run is complete. */
  add(chunk: Chunk): boolean;
  /** The traced version's counts in one chunk (the baseline's, in a comparison). */
  tracedCounts(chunk: Chunk): ChunkCounts;
  /** Trials merged so far, and the traced version's successes among them. */
  merged(): { trials: number; successes: number };
  /** The figures of the chunks merged so far. */
  result(): Result;
}

/** A trace fed in chunk order, with the points not yet reported. */
function tracer() {
  const trace = new ConvergenceTrace();
  let pending: ConvergencePoint[] = [];
  return {
    trace,
    add(...args: Parameters<ConvergenceTrace['add']>) {
      pending.push(...trace.add(...args));
    },
    take(): ConvergencePoint[] {
      const points = pending;
      pending = [];
      return points;
    },
  };
}

interface Worker {
  handle: SimulationWorkerHandle;
  failure: string | null;
}

/**
 * Runs simulations on a fixed number of workers.
 *
 * @example
 * const pool = createNodeSimulationPool(); // or createBrowserSimulationPool()
 * const result = await pool.simulate(model, { trials: 1e7, seed: 42, onProgress: show });
 * pool.terminate();
 */
export class SimulationPool {
  readonly size: number;
  private readonly createWorker: WorkerFactory;
  private readonly now: () => number;
  private readonly idleTimeoutMs: number | null;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private workers: Worker[] = [];
  private running = false;
  private jobCounter = 0;
  /** Set while a run is going: fails it from a worker's failure listener. */
  private failRun: ((message: string) => void) | null = null;

  constructor(options: SimulationPoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new RangeError(
        `A simulation pool needs a whole number of workers, at least 1; got ${options.size}.`,
      );
    }
    this.size = options.size;
    this.createWorker = options.createWorker;
    this.now = options.now ?? (() => performance.now());
    this.idleTimeoutMs = options.idleTimeoutMs ?? null;
  }

  /** Workers running now (0 before the first run and after an idle stop). */
  get startedWorkers(): number {
    return this.workers.length;
  }

  /** Simulates `model`: N trials, or until a precision is reached. */
  async simulate(
    model: Model,
    options: SimulationOptions & RunControls = {},
  ): Promise<PoolSimulationResult> {
    const plan = planSimulation(options);
    const compiled = compileModel(model, { timeAndCost: plan.timeAndCost });
    return this.runSimulation(compiled, plan, options);
  }

  /**
   * Runs a planned simulation of a model compiled with the plan's `timeAndCost` (see
   * `planSimulation` and `compileModel`).
   */
  async runSimulation(
    compiled: CompiledModel,
    plan: SimulationPlan,
    controls: RunControls = {},
  ): Promise<PoolSimulationResult> {
    const accumulator = new SimulationAccumulator(compiled, plan);
    return this.runTrials(
      {
        job: { kind: 'simulate', compiled, plan, checkpointEvery: checkpointInterval(plan) },
        plan,
        call: (api, jobId, index) => api.simulateChunk(jobId, index),
        add: (chunk) => accumulator.add(chunk),
        tracedCounts: (chunk) => chunk,
        merged: () => accumulator.total,
        result: () => accumulator.result(),
      },
      controls,
    );
  }

  /**
   * Compares the baseline (first) with each scenario, with common random numbers: every trial
   * runs under every version from the same random stream.
   */
  async compare(
    versions: readonly ComparedModel[],
    options: Omit<SimulationOptions, 'precision'> & RunControls = {},
  ): Promise<PoolComparisonResult> {
    const { plan, compiled } = prepareComparison(versions, options);
    return this.runComparison(versions, compiled, plan, options);
  }

  /**
   * Runs a planned comparison of versions compiled together (`compileScenarioModels`, one
   * compiled model per version, in the same order).
   */
  async runComparison(
    versions: readonly ComparedModel[],
    compiled: CompiledModel[],
    plan: SimulationPlan,
    controls: RunControls = {},
  ): Promise<PoolComparisonResult> {
    const accumulator = new ComparisonAccumulator(versions, compiled, plan);
    return this.runTrials(
      {
        job: { kind: 'compare', compiled, plan, checkpointEvery: checkpointInterval(plan) },
        plan,
        call: (api, jobId, index) => api.compareChunk(jobId, index),
        add: (chunk) => accumulator.add(chunk),
        tracedCounts: (chunk) => {
          const baseline = chunk.versions[0];
          return {
            trials: chunk.trials,
            successes: baseline?.successes ?? 0,
            stopped: baseline?.stopped ?? 0,
          };
        },
        merged: () => ({
          trials: accumulator.total.trials,
          successes: accumulator.baselineSuccesses,
        }),
        result: () => accumulator.result(),
      },
      controls,
    );
  }

  /**
   * Runs the trials of a simulation or a comparison chunk by chunk, keeping the convergence
   * trace of the traced version (the simulated blueprint, or the baseline of a comparison), and
   * gives the accumulated result with the run's figures and that trace.
   */
  private async runTrials<
    Chunk extends { checkpoints?: ChunkCheckpoints },
    Result extends { trials: number },
  >(run: TrialRun<Chunk, Result>, controls: RunControls): Promise<Result & RunInfo & TracedRun> {
    const { plan } = run;
    const traced = tracer();
    const info = await this.run(
      {
        job: run.job,
        chunkCount: plan.chunkCount,
        chunkSize: (i) => Math.min(plan.chunkSize, plan.trials - i * plan.chunkSize),
        total: plan.trials,
        call: run.call,
        accept: (chunk) => {
          traced.add(chunk.checkpoints, run.tracedCounts(chunk));
          return run.add(chunk);
        },
        takePoints: traced.take,
        estimate: () => {
          const { trials, successes } = run.merged();
          return {
            merged: trials,
            reliability: trials > 0 ? successes / trials : NaN,
            halfWidth: wilsonHalfWidth(successes, trials),
          };
        },
      },
      controls,
    );
    const result = run.result();
    return {
      ...result,
      ...info,
      perSecond: rate(result.trials, info.elapsedSeconds),
      convergenceTrace: traced.trace.points(),
    };
  }

  /** The distribution of R when step reliabilities are observed data (Beta draws). */
  async uncertainty(
    model: Model,
    options: UncertaintyOptions & RunControls = {},
  ): Promise<PoolUncertaintyResult> {
    const plan = planUncertainty(options);
    const accumulator = new UncertaintyAccumulator(model, plan);
    let sum = 0;
    const info = await this.run(
      {
        job: { kind: 'uncertainty', model, plan },
        chunkCount: plan.chunkCount,
        chunkSize: (i) => Math.min(plan.chunkSize, plan.draws - i * plan.chunkSize),
        total: plan.draws,
        call: (api, jobId, index) => api.uncertaintyChunk(jobId, index),
        accept: (values) => {
          for (const x of values) sum += x;
          return accumulator.add(values);
        },
        estimate: () => {
          const merged = accumulator.drawsDone;
          return { merged, reliability: merged > 0 ? sum / merged : NaN, halfWidth: NaN };
        },
        takePoints: () => [],
      },
      options,
    );
    const result = accumulator.result();
    return { ...result, ...info, perSecond: rate(result.draws, info.elapsedSeconds) };
  }

  /**
   * Stops every worker, waiting (at most {@link STOP_GRACE_MS}) for each to confirm that it has
   * stopped computing, then terminates them; resolves with when they ended. The pool starts new
   * workers if it is used again.
   */
  stop(): Promise<WorkersEnded> {
    const requestedAt = epochMillis();
    this.clearIdleTimer();
    const workers = this.workers;
    // Out of the pool at once: a failure of a worker being stopped is nobody's concern, and the
    // next run starts new workers.
    this.workers = [];
    const confirmations = workers.map(async (worker) => {
      const confirmed = worker.failure
        ? null
        : await Promise.race([
            worker.handle.api.stop().catch(() => null),
            delay(STOP_GRACE_MS, null),
          ]);
      worker.handle.terminate();
      return confirmed;
    });
    return Promise.all(confirmations).then((confirmed) => {
      const terminatedAt = epochMillis();
      return {
        requestedAt,
        endedAt: Math.max(requestedAt, ...confirmed.map((time) => time ?? terminatedAt)),
        workers: workers.length,
        unconfirmed: confirmed.filter((time) => time === null).length,
      };
    });
  }

  /** Stops every worker now, without waiting. The pool starts new ones if it is used again. */
  terminate(): void {
    this.clearIdleTimer();
    for (const worker of this.workers) worker.handle.terminate();
    this.workers = [];
  }

  private clearIdleTimer(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }

  /** Stops the workers once they have had nothing to do for `idleTimeoutMs`. */
  private armIdleTimer(): void {
    this.clearIdleTimer();
    if (this.idleTimeoutMs === null || this.workers.length === 0) return;
    const timer = setTimeout(() => {
      this.idleTimer = null;
      if (!this.running) this.terminate();
    }, this.idleTimeoutMs);
    // In Node, an idle pool must not keep the process alive just to stop its threads later.
    (timer as { unref?: () => void }).unref?.();
    this.idleTimer = timer;
  }

  /** The first `count` workers, started if need be. */
  private startWorkers(count: number): Worker[] {
    // A worker that failed between runs is replaced rather than failing the next run.
    for (const worker of this.workers) if (worker.failure) worker.handle.terminate();
    this.workers = this.workers.filter((worker) => !worker.failure);
    while (this.workers.length < count) {
      const worker: Worker = { handle: this.createWorker(), failure: null };
      worker.handle.onFailure((message) => {
        worker.failure = message;
        if (this.workers.includes(worker)) this.failRun?.(message);
      });
      this.workers.push(worker);
    }
    return this.workers.slice(0, count);
  }

  /** The scheduler: hands out chunks, merges them in order, reports, cancels, fails. */
  private async run<R>(
    spec: ChunkedRun<R>,
    controls: RunControls,
  ): Promise<Omit<RunInfo, 'perSecond'>> {
    if (this.running) {
      throw new Error(
        'This simulation pool is already running a simulation; wait for it to finish or cancel it first.',
      );
    }
    this.running = true;
    this.clearIdleTimer();
    const started = this.now();
    const elapsed = () => (this.now() - started) / 1000;
    const jobId = ++this.jobCounter;
    // No more workers than chunks: a short run should not pay for starting idle threads.
    const workers = this.startWorkers(Math.max(1, Math.min(this.size, spec.chunkCount)));
    const signal = controls.signal;

    let settled = false;
    let finish!: (cancelled: boolean) => void;
    let fail!: (error: Error) => void;
    const outcome = new Promise<boolean>((resolve, reject) => {
      finish = (cancelled) => {
        if (settled) return;
        settled = true;
        resolve(cancelled);
      };
      fail = (error) => {
        if (settled) return;
        settled = true;
        // Workers may be in the middle of chunks nobody wants any more.
        this.terminate();
        reject(error);
      };
    });
    this.failRun = (message) => fail(new Error(message));

    // Progress: trials merged, plus chunks done out of turn, plus partial chunks.
    let lastReport = -Infinity;
    let unmergedTrials = 0;
    const partial = new Map<number, number>();
    let partialTrials = 0;
    const report = (force: boolean) => {
      const onProgress = controls.onProgress;
      if (!onProgress) return;
      const time = this.now();
      if (!force && time - lastReport < PROGRESS_INTERVAL_MS) return;
      lastReport = time;
      const { merged, reliability, halfWidth } = spec.estimate();
      const done = Math.min(spec.total, merged + unmergedTrials + partialTrials);
      const seconds = (time - started) / 1000;
      onProgress({
        done,
        total: spec.total,
        reliability,
        halfWidth,
        perSecond: rate(done, seconds),
        elapsedSeconds: seconds,
        points: spec.takePoints(),
      });
    };
    const onChunkProgress = (job: number, chunk: number, trialsDone: number) => {
      if (job !== jobId || settled) return;
      partialTrials += trialsDone - (partial.get(chunk) ?? 0);
      partial.set(chunk, trialsDone);
      report(false);
    };

    const stopping: { ended: Promise<WorkersEnded> | null } = { ended: null };
    const onAbort = () => {
      stopping.ended = this.stop();
      finish(true);
    };
    if (signal?.aborted) {
      this.running = false;
      this.failRun = null;
      this.armIdleTimer();
      return { cancelled: true, workersEnded: null, elapsedSeconds: 0, workers: workers.length };
    }
    signal?.addEventListener('abort', onAbort, { once: true });

    // In-order merging with a bounded window of results waiting for their turn.
    const waiting = new Map<number, R>();
    let nextToMerge = 0;
    let nextToHand = 0;
    const windowSize = workers.length * WINDOW_PER_WORKER;
    let wakeLanes: (() => void)[] = [];
    const wake = () => {
      const lanes = wakeLanes;
      wakeLanes = [];
      for (const resume of lanes) resume();
    };

    const deliver = (index: number, result: R) => {
      if (settled) return;
      const size = spec.chunkSize(index);
      partialTrials -= partial.get(index) ?? 0;
      partial.delete(index);
      waiting.set(index, result);
      unmergedTrials += size;
      while (waiting.has(nextToMerge)) {
        const next = waiting.get(nextToMerge)!;
        waiting.delete(nextToMerge);
        unmergedTrials -= spec.chunkSize(nextToMerge);
        nextToMerge++;
        if (spec.accept(next)) {
          finish(false);
          break;
        }
      }
      report(false);
      wake();
    };

    const lane = async (worker: Worker) => {
      while (!settled) {
        if (nextToHand >= spec.chunkCount) return;
        if (nextToHand - nextToMerge >= windowSize) {
          await new Promise<void>((resume) => wakeLanes.push(resume));
          continue;
        }
        const index = nextToHand++;
        const result = await spec.call(worker.handle.api, jobId, index);
        deliver(index, result);
      }
    };

    try {
      void Promise.all(
        workers.map(async (worker) => {
          if (worker.failure) throw new Error(worker.failure);
          await worker.handle.api.load(jobId, spec.job, proxy(onChunkProgress));
        }),
      ).then(
        () => {
          const lanes: Promise<void>[] = [];
          for (const worker of workers) {
            for (let l = 0; l < LANES_PER_WORKER; l++) lanes.push(lane(worker));
          }
          // A lane that throws fails the run; lanes that end normally just stop.
          for (const running of lanes) running.catch((error: unknown) => fail(asError(error)));
        },
        (error: unknown) => fail(asError(error)),
      );
      if (spec.chunkCount === 0) finish(false);
      const cancelled = await outcome;
      report(true);
      const elapsedSeconds = elapsed();
      // A cancelled run answers once its workers have ended (within STOP_GRACE_MS), with when.
      const workersEnded = stopping.ended ? await stopping.ended : null;
      return { cancelled, workersEnded, elapsedSeconds, workers: workers.length };
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.running = false;
      this.failRun = null;
      wake();
      for (const worker of workers) {
        if (this.workers.includes(worker)) {
          void worker.handle.api.unload(jobId).catch(() => undefined);
        }
      }
      this.armIdleTimer();
    }
  }
}

function delay<T>(milliseconds: number, value: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(value), milliseconds);
    // In Node, a pending grace period must not keep the process alive on its own.
    (timer as { unref?: () => void }).unref?.();
  });
}

function rate(count: number, seconds: number): number {
  return seconds > 0 ? count / seconds : 0;
}

/** Any thrown value as an Error with a readable message. */
function asError(error: unknown): Error {
  if (error instanceof Error) {
    return new Error(`The simulation failed in a worker: ${error.message}`);
  }
  return new Error(`The simulation failed in a worker: ${String(error)}`);
}

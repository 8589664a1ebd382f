/**
 * The convergence trace of a Monte Carlo run: R and its 95 % interval at checkpoints spread
 * over the whole run, from the first chunk on.
 *
 * Chunks are large (`DEFAULT_CHUNK_SIZE`, 262,144 trials) because the chunk size is part of what
 * a seed means: a million trials are four chunks, and four points do not show an interval
 * closing in. So the workers also note their running counts at fixed checkpoints inside each
 * chunk ({@link checkpointInterval}), without changing which random numbers any trial draws:
 * the figures stay exactly those of the chunks, only the picture of how they were reached gets
 * finer. Checkpoints sit at fixed trial counts, so the trace, like the figures, is the same for
 * any number of workers.
 */
import { wilsonInterval, type ConvergencePoint } from '../sim/montecarlo';

/** Points a run's trace aims at, at least, however few chunks it has. */
export const TRACE_TARGET_POINTS = 64;
/**
 * Least checkpoints in a chunk: a run to a precision may stop after its first few chunks, and
 * should still draw a curve.
 */
export const MIN_CHECKPOINTS_PER_CHUNK = 8;
/** Most points a trace keeps; beyond, every other one is dropped and fewer are recorded. */
export const MAX_TRACE_POINTS = 256;

/** What {@link checkpointInterval} needs to know of a plan. */
export interface CheckpointPlan {
  /** Trials of the run (the most, when running to a precision). */
  trials: number;
  /** Trials per chunk. */
  chunkSize: number;
}

/**
 * Trials between two checkpoints inside a chunk (the end of a chunk is always one), ≥ 1:
 * chosen so that the run yields at least {@link TRACE_TARGET_POINTS} points, and every chunk at
 * least {@link MIN_CHECKPOINTS_PER_CHUNK}.
 *
 * @example
 * checkpointInterval({ trials: 1_000_000, chunkSize: 262_144, chunkCount: 4 }); // 15,625
 */
export function checkpointInterval(plan: CheckpointPlan): number {
  // Every chunk yields ceil(length / interval) points, so the run yields at least
  // trials / interval of them.
  const forTheRun = Math.ceil(plan.trials / TRACE_TARGET_POINTS);
  const forEachChunk = Math.ceil(Math.min(plan.chunkSize, plan.trials) / MIN_CHECKPOINTS_PER_CHUNK);
  return Math.max(1, Math.min(forTheRun, forEachChunk));
}

/**
 * Counts a worker noted inside one chunk, cumulated from the chunk's start: for each
 * checkpoint before the chunk's end, three numbers (trials, successes, trials stopped by the
 * loop guard).
 */
export type ChunkCheckpoints = Float64Array;

/** Numbers in {@link ChunkCheckpoints} per checkpoint. */
export const CHECKPOINT_STRIDE = 3;

/** The counts at the end of a chunk, as the trace needs them. */
export interface ChunkCounts {
  trials: number;
  successes: number;
  stopped: number;
}

/**
 * Builds the trace chunk by chunk, in chunk order. Memory stays bounded: past
 * {@link MAX_TRACE_POINTS}, every other point is dropped and points are recorded half as often,
 * the same way whoever ran the chunks.
 */
export class ConvergenceTrace {
  private readonly kept: ConvergencePoint[] = [];
  private stride = 1;
  private seen = 0;
  private trials = 0;
  private successes = 0;
  private stopped = 0;

  /**
   * Adds the next chunk: its checkpoints (cumulated from the chunk's start; none when the
   * worker noted none) and its counts at its end. Returns the points recorded.
   */
  add(checkpoints: ChunkCheckpoints | undefined, end: ChunkCounts): ConvergencePoint[] {
    const recorded: ConvergencePoint[] = [];
    if (checkpoints) {
      for (let i = 0; i + CHECKPOINT_STRIDE <= checkpoints.length; i += CHECKPOINT_STRIDE) {
        this.offer(
          this.trials + checkpoints[i],
          this.successes + checkpoints[i + 1],
          this.stopped + checkpoints[i + 2],
          recorded,
        );
      }
    }
    this.trials += end.trials;
    this.successes += end.successes;
    this.stopped += end.stopped;
    this.offer(this.trials, this.successes, this.stopped, recorded);
    return recorded;
  }

  /** The points so far, in order of trials, ending at the trials merged so far. */
  points(): ConvergencePoint[] {
    const points = [...this.kept];
    const last = points[points.length - 1];
    if (this.trials > 0 && (!last || last.trials !== this.trials)) {
      points.push(tracePoint(this.trials, this.successes, this.stopped));
    }
    return points;
  }

  private offer(trials: number, successes: number, stopped: number, recorded: ConvergencePoint[]) {
    this.seen++;
    if (this.seen % this.stride !== 0) return;
    const point = tracePoint(trials, successes, stopped);
    recorded.push(point);
    this.kept.push(point);
    if (this.kept.length >= MAX_TRACE_POINTS) {
      let kept = 0;
      for (let i = 1; i < this.kept.length; i += 2) this.kept[kept++] = this.kept[i];
      this.kept.length = kept;
      this.stride *= 2;
    }
  }
}

/** R over the completed trials and its 95 % Wilson interval, as the simulation states it. */
function tracePoint(trials: number, successes: number, stopped: number): ConvergencePoint {
  const completed = trials - stopped;
  const [low, high] = wilsonInterval(successes, completed);
  return { trials, reliability: completed > 0 ? successes / completed : 0, low, high };
}

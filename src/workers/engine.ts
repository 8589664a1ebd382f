/**
 * The engine: one stateful object that keeps the last few validated blueprints, keyed by
 * document revision, and runs jobs against them.
 *
 * The editor numbers each document it holds (a revision) and hands it over once with
 * {@link Engine.setDocument}; the engine validates it there, once, and keeps what it found: the
 * parsed blueprint with its resolved scenarios, the scenario comparison, the analyses asked for
 * and the Monte Carlo forms compiled for it. Every job then names a revision instead of
 * carrying the document, so analysing, simulating and simulating again the same revision parse
 * it once and compile its Monte Carlo form once.
 *
 * Jobs are rows of one table ({@link jobs}): each says whether its result is worth anything
 * once the document has moved on. Live figures (the exact analysis) are not: a job asked for,
 * or finishing on, a revision that is no longer current is discarded. Runs (Monte Carlo) are:
 * their result comes back tagged with the revision and parameters it belongs to, and the app
 * marks it out of date. Long jobs report progress through a callback and stop on an abort
 * signal; the worker pool they run on stops within 100 ms.
 *
 * This module is plain logic: `engine.worker.ts` exposes it from a web worker through comlink,
 * and the app runs one on its own thread while that worker loads.
 */
import type { Diagnostic } from '../sim/diagnostics';
import { compareScenarios, type ScenarioRow } from '../sim/exact';
import type { Model } from '../sim/model';
import type { CompiledModel, ComparedModel } from '../sim/montecarlo';
import type { OptimizeProgress } from '../sim/money';
import { validateDocument, type Blueprint, type ParseResult } from '../sim/parse';
import { analyzeBlueprint, type AnalysisParams, type ValidAnalysis } from './analysis';
import {
  optimizeInSlices,
  type MoneyOptimizeOutcome,
  type MoneyOptimizeParams,
  type MoneySummary,
} from './money';
import type {
  PoolComparisonResult,
  PoolSimulationResult,
  SimulationPool,
  SimulationProgress,
} from './pool';

/**
 * The two costly steps a revision goes through, replaceable so that tests can count them:
 * validation (parse, check, resolve scenarios) and compilation of Monte Carlo forms.
 */
export interface EngineSteps {
  validate(document: unknown): ParseResult;
  /** Compiles versions of one blueprint together (a single model is one version). */
  compile(models: readonly Model[], options: { timeAndCost: boolean }): CompiledModel[];
}

/**
 * The Monte Carlo engine, loaded by the first Monte Carlo job: the page's own engine, which
 * answers analyses while the worker loads, never runs one, and leaves it out of the first view.
 */
let monteCarlo: typeof import('../sim/montecarlo') | null = null;

async function loadMonteCarlo(): Promise<typeof import('../sim/montecarlo')> {
  monteCarlo ??= await import('../sim/montecarlo');
  return monteCarlo;
}

export const DEFAULT_ENGINE_STEPS: EngineSteps = {
  validate: validateDocument,
  compile(models, options) {
    // Monte Carlo jobs load the engine before they compile (see loadMonteCarlo).
    if (!monteCarlo)
      throw new Error('The Monte Carlo engine was asked to compile before it loaded.');
    return monteCarlo.compileScenarioModels(models, options);
  },
};

/** Options of {@link createEngine}. */
export interface EngineOptions {
  /** Starts a worker pool of `size` workers for Monte Carlo jobs; without it they fail. */
  createPool?: (size: number) => SimulationPool;
  /** Revisions kept, the current one included; default 3. */
  keepRevisions?: number;
  steps?: Partial<EngineSteps>;
}

/** A Monte Carlo run of the baseline, or of one scenario. */
export interface SimulateParams {
  /** The scenario to simulate; `null` for the baseline. */
  scenarioId: string | null;
  /** Trials; with `precision`, the most to run. */
  trials?: number;
  /** Target half-width of the 95 % interval of R, probability. */
  precision?: number;
  seed?: number;
  chunkSize?: number;
  /** Sample durations and costs too (default: where the blueprint has them). */
  timeAndCost?: boolean;
  /** Workers to run on, ≥ 1. */
  workers: number;
}

/** A paired Monte Carlo comparison of the baseline with every scenario. */
export type CompareParams = Omit<SimulateParams, 'scenarioId' | 'precision'>;

/** Node id → label (the id when a node has none), to name fail points. */
export type NodeLabels = Record<string, string>;

export type EngineSimulation = PoolSimulationResult & { labels: NodeLabels };
export type EngineComparison = PoolComparisonResult & { labels: NodeLabels };

/**
 * Progress callback and abort signal of a job; `P` is what the job reports as it goes (see
 * {@link JobProgress}).
 */
export interface JobControls<P = SimulationProgress | OptimizeProgress> {
  onProgress?: (progress: P) => void;
  signal?: AbortSignal;
}

/** What the engine keeps of one revision. */
interface HeldRevision {
  revision: number;
  parsed: ParseResult;
  comparison: ScenarioRow[] | null;
  /** The revision's money once worked out (null without economics). */
  money: MoneySummary | null | undefined;
  analyses: Map<string, ValidAnalysis>;
  compiled: Map<string, CompiledModel[]>;
}

/** What a job can reach: the valid blueprint of its revision and the engine's shared parts. */
interface JobContext {
  blueprint: Blueprint;
  held: HeldRevision;
  controls: JobControls;
  /** Whether the job's revision is still the current one (a live job stops once it is not). */
  isCurrent(): boolean;
  /** The compiled forms of `models` under `key`, compiled on first use only. */
  compiled(key: string, models: readonly Model[], timeAndCost: boolean): CompiledModel[];
  /** The worker pool, with `size` workers. */
  pool(size: number): SimulationPool;
}

interface JobSpec<P, R> {
  /**
   * True for live figures, which are discarded when the document has moved on; false for runs,
   * whose result is kept and tagged with its revision.
   */
  live: boolean;
  run(context: JobContext, params: P): R;
}

function labelsOf(model: Model): NodeLabels {
  const labels: NodeLabels = {};
  for (const node of model.nodes) labels[node.id] = node.label || node.id;
  return labels;
}

/**
 * Every job the engine runs. A new kind of work (a trace for teaching mode, an optimisation) is
 * one more row: its parameters, its result, whether it is live.
 */
export const jobs = {
  /** The exact analysis, the scenario table and the formula (SPEC §3). */
  analyze: {
    live: true,
    run(context: JobContext, params: AnalysisParams): ValidAnalysis {
      const started = performance.now();
      const { held, blueprint } = context;
      const key = `${params.scenarioId ?? ''}\u0000${params.tornadoDelta ?? ''}`;
      const kept = held.analyses.get(key);
      if (kept) return { ...kept, millis: performance.now() - started };
      held.comparison ??= compareScenarios(blueprint.model, blueprint.scenarios);
      const analysis = analyzeBlueprint(blueprint, params, held.comparison, started, held.money);
      held.money = analysis.money;
      held.analyses.set(key, analysis);
      return analysis;
    },
  },

  /**
   * The budget optimiser (SPEC §9) over the blueprint's options: run in slices, so that the
   * live analysis of later edits is answered while it runs; stopped by the job's abort signal,
   * and as soon as its revision is no longer the current one.
   */
  optimize: {
    live: true,
    run(context: JobContext, params: MoneyOptimizeParams): Promise<MoneyOptimizeOutcome> {
      return optimizeInSlices(context.blueprint, params, {
        signal: context.controls.signal,
        stale: () => !context.isCurrent(),
        onProgress: context.controls.onProgress,
      });
    },
  },

  /** Monte Carlo of the baseline or of one scenario. */
  simulate: {
    live: false,
    async run(context: JobContext, params: SimulateParams): Promise<EngineSimulation> {
      const { blueprint } = context;
      const scenario =
        params.scenarioId === null
          ? undefined
          : blueprint.scenarios.find((candidate) => candidate.id === params.scenarioId);
      if (params.scenarioId !== null && !scenario) {
        throw new Error(`The blueprint has no scenario "${params.scenarioId}" to simulate.`);
      }
      const model = scenario ? scenario.model : blueprint.model;
      const { planSimulation } = await loadMonteCarlo();
      const plan = planSimulation(params);
      const [compiled] = context.compiled(
        `simulate\u0000${params.scenarioId ?? ''}`,
        [model],
        plan.timeAndCost,
      );
      const result = await context
        .pool(params.workers)
        .runSimulation(compiled, plan, context.controls);
      return { ...result, labels: labelsOf(model) };
    },
  },

  /** Paired Monte Carlo comparison of the baseline with every scenario (common random numbers). */
  compare: {
    live: false,
    async run(context: JobContext, params: CompareParams): Promise<EngineComparison> {
      const { blueprint } = context;
      const versions: ComparedModel[] = [
        { id: 'baseline', name: 'Baseline', model: blueprint.model },
        ...blueprint.scenarios.map(({ id, name, model }) => ({ id, name, model })),
      ];
      const { planSimulation } = await loadMonteCarlo();
      const plan = planSimulation({ ...params, precision: undefined });
      const compiled = context.compiled(
        'compare',
        versions.map((version) => version.model),
        plan.timeAndCost,
      );
      const result = await context
        .pool(params.workers)
        .runComparison(versions, compiled, plan, context.controls);
      return { ...result, labels: labelsOf(blueprint.model) };
    },
  },
} satisfies Record<string, JobSpec<never, unknown>>;

export type JobKind = keyof typeof jobs;

/** What a running job of each kind reports: Monte Carlo its trials, the optimiser its count. */
interface JobProgressByKind {
  analyze: never;
  optimize: OptimizeProgress;
  simulate: SimulationProgress;
  compare: SimulationProgress;
}

/** What a running job of kind `K` reports through {@link JobControls.onProgress}. */
export type JobProgress<K extends JobKind> = JobProgressByKind[K];
export type JobParams<K extends JobKind> = Parameters<(typeof jobs)[K]['run']>[1];
export type JobResult<K extends JobKind> = Awaited<ReturnType<(typeof jobs)[K]['run']>>;

/** How a job ended. Every outcome names the revision it was asked for. */
export type JobOutcome<K extends JobKind> =
  | { status: 'done'; kind: K; revision: number; params: JobParams<K>; result: JobResult<K> }
  /** The revision's document has problems: every one of them. */
  | { status: 'invalid'; kind: K; revision: number; diagnostics: Diagnostic[] }
  /** Live figures of a revision that is no longer the current one. */
  | { status: 'discarded'; kind: K; revision: number; current: number | null }
  /** The engine does not hold this revision (never given, or forgotten): set it again. */
  | { status: 'missing'; kind: K; revision: number };

/** What {@link Engine.setDocument} found. */
export interface DocumentStatus {
  revision: number;
  valid: boolean;
  /** Whether the revision was validated now (false when it was held already). */
  validated: boolean;
}

export interface Engine {
  /**
   * Makes `revision` the current document, validating it unless the engine holds it already
   * (revisions are never reused for another document).
   */
  setDocument(revision: number, document: unknown): DocumentStatus;
  /**
   * Makes a held revision current again (an undo back to it) without sending its document;
   * false when the engine does not hold it.
   */
  resume(revision: number): boolean;
  /** The revision of the last {@link setDocument}, or null before the first. */
  readonly currentRevision: number | null;
  /** Whether the engine holds `revision`. */
  holds(revision: number): boolean;
  /** The exact analysis of a held revision, on the calling thread, at once. */
  analyze(revision: number, params: AnalysisParams): JobOutcome<'analyze'>;
  /** Runs any job of the table against a held revision. */
  run<K extends JobKind>(
    kind: K,
    revision: number,
    params: JobParams<K>,
    controls?: JobControls<JobProgress<K>>,
  ): Promise<JobOutcome<K>>;
  /** Stops the engine's workers. */
  dispose(): void;
}

/** Creates an engine; see the module's header. */
export function createEngine(options: EngineOptions = {}): Engine {
  const steps: EngineSteps = { ...DEFAULT_ENGINE_STEPS, ...options.steps };
  const keep = Math.max(1, options.keepRevisions ?? 3);
  // Insertion order is recency order: a revision used again moves to the end.
  const held = new Map<number, HeldRevision>();
  let current: number | null = null;
  let pool: SimulationPool | null = null;

  const touch = (entry: HeldRevision) => {
    held.delete(entry.revision);
    held.set(entry.revision, entry);
  };

  const poolOfSize = (size: number): SimulationPool => {
    if (pool && pool.size === size) return pool;
    if (!options.createPool) {
      throw new Error('This engine has no workers to run a Monte Carlo simulation on.');
    }
    pool?.terminate();
    pool = options.createPool(size);
    return pool;
  };

  type Prepared<K extends JobKind> =
    | { ready: false; outcome: JobOutcome<K> }
    | { ready: true; context: Omit<JobContext, 'controls'> };

  const prepare = <K extends JobKind>(kind: K, revision: number): Prepared<K> => {
    const entry = held.get(revision);
    if (!entry) return { ready: false, outcome: { status: 'missing', kind, revision } };
    if (jobs[kind].live && revision !== current) {
      return { ready: false, outcome: { status: 'discarded', kind, revision, current } };
    }
    if (!entry.parsed.ok) {
      const diagnostics = entry.parsed.diagnostics;
      return { ready: false, outcome: { status: 'invalid', kind, revision, diagnostics } };
    }
    touch(entry);
    const blueprint = entry.parsed.blueprint;
    return {
      ready: true,
      context: {
        blueprint,
        held: entry,
        pool: poolOfSize,
        isCurrent: () => revision === current,
        compiled(key, models, timeAndCost) {
          const fullKey = `${key}\u0000${timeAndCost}`;
          let forms = entry.compiled.get(fullKey);
          if (!forms) {
            forms = steps.compile(models, { timeAndCost });
            entry.compiled.set(fullKey, forms);
          }
          return forms;
        },
      },
    };
  };

  /** A live job's result stands only if its revision is still the current one. */
  const settle = <K extends JobKind>(
    kind: K,
    revision: number,
    params: JobParams<K>,
    result: JobResult<K>,
  ): JobOutcome<K> =>
    jobs[kind].live && revision !== current
      ? { status: 'discarded', kind, revision, current }
      : { status: 'done', kind, revision, params, result };

  return {
    get currentRevision() {
      return current;
    },

    holds: (revision) => held.has(revision),

    resume(revision) {
      const known = held.get(revision);
      if (!known) return false;
      current = revision;
      touch(known);
      return true;
    },

    setDocument(revision, document) {
      current = revision;
      const known = held.get(revision);
      if (known) {
        touch(known);
        return { revision, valid: known.parsed.ok, validated: false };
      }
      const parsed = steps.validate(document);
      held.set(revision, {
        revision,
        parsed,
        comparison: null,
        money: undefined,
        analyses: new Map(),
        compiled: new Map(),
      });
      // The least recently used go first; the current revision is the most recent.
      for (const old of held.keys()) {
        if (held.size <= keep) break;
        held.delete(old);
      }
      return { revision, valid: parsed.ok, validated: true };
    },

    analyze(revision, params) {
      const prepared = prepare('analyze', revision);
      if (!prepared.ready) return prepared.outcome;
      const result = jobs.analyze.run({ ...prepared.context, controls: {} }, params);
      return settle('analyze', revision, params, result);
    },

    async run(kind, revision, params, controls = {}) {
      const prepared = prepare(kind, revision);
      if (!prepared.ready) return prepared.outcome;
      const spec = jobs[kind] as JobSpec<typeof params, unknown>;
      // A job of kind K reports only JobProgress<K>, so a callback for that alone is enough.
      const jobControls = controls as JobControls;
      const result = (await spec.run(
        { ...prepared.context, controls: jobControls },
        params,
      )) as JobResult<typeof kind>;
      return settle(kind, revision, params, result);
    },

    dispose() {
      pool?.terminate();
      pool = null;
    },
  };
}

/**
 * `failpoint simulate FILE [--trials N] [--precision E] [--seed S] [--workers W]
 * [--scenario ID] [--reliability-only] [--json]`: Monte Carlo simulation on worker threads, with
 * a progress bar on a terminal, then a summary (or one JSON document). `--reliability-only`
 * leaves durations and costs unsampled: R and the fail points only, many times faster on a
 * blueprint that has them.
 */
import os from 'node:os';
import type { Model } from '../sim/model';
import { DEFAULT_SEED, MAX_TRIALS, type ValueSummary } from '../sim/montecarlo';
import type { PoolSimulationResult, SimulationProgress } from '../workers/pool';
import { attachNegativeValues, parseCommandArgs } from './args';
import { idTable, writeJsonDocument, shown } from './escape';
import { count, displayWidth, percent, probability, table, truncate } from './format';
import { duringAsync, EXIT, UsageError, type CliIO } from './io';
import { exactReliability, loadBlueprint } from './load';
import type { CliLanguage } from './language';
import { cliMessages } from './messages';
import { createNodeSimulationPool } from './node-pool';
import { readableText } from './readable';
import { pickModel } from './scenario';

const LABEL_WIDTH = 40;
const TOP_FAIL_POINTS = 10;
/**
 * Most worker threads accepted by --workers; more than the machine has cores are accepted
 * but run on one thread per core (see {@link parseSimulateArguments}).
 */
const MAX_WORKERS = 256;

/** `failpoint simulate …`; returns the exit code. Argument mistakes print a sentence and give 2. */
export async function runSimulate(argv: string[], io: CliIO): Promise<number> {
  try {
    return await simulateCommand(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`failpoint: ${shown(error.in(io.language))}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

interface SimulateArguments {
  file: string;
  trials: number | undefined;
  precision: number | undefined;
  seed: number;
  /** Threads to run on: what `--workers` asked for, at most one per core. */
  workers: number;
  /** What `--workers` asked for when it was more than the cores, else null. */
  workersAsked: number | null;
  scenario: string | undefined;
  /** Simulate R only: durations and costs are not sampled. */
  reliabilityOnly: boolean;
  json: boolean;
}

/**
 * Reads the options; every mistake is a {@link UsageError} naming the option. More workers
 * than `cores` only compete for the same cores (and each loads the engine), so they are
 * capped at `cores`, and `workersAsked` says so.
 */
export function parseSimulateArguments(
  argv: string[],
  cores: number = os.availableParallelism(),
): SimulateArguments {
  const { file, values } = parseCommandArgs(
    'simulate',
    attachNegativeValues(argv, NUMERIC_OPTIONS),
    {
      trials: { type: 'string' },
      precision: { type: 'string' },
      seed: { type: 'string' },
      workers: { type: 'string' },
      scenario: { type: 'string' },
      'reliability-only': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  );
  const trials =
    values.trials === undefined ? undefined : wholeNumber('--trials', values.trials, 1, MAX_TRIALS);
  const precision = values.precision === undefined ? undefined : precisionOf(values.precision);
  const seed =
    values.seed === undefined
      ? DEFAULT_SEED
      : wholeNumber('--seed', values.seed, 0, Number.MAX_SAFE_INTEGER);
  const asked =
    values.workers === undefined ? cores : wholeNumber('--workers', values.workers, 1, MAX_WORKERS);
  return {
    file,
    trials,
    precision,
    seed,
    workers: Math.min(asked, cores),
    workersAsked: asked > cores ? asked : null,
    scenario: values.scenario,
    reliabilityOnly: values['reliability-only'] ?? false,
    json: values.json ?? false,
  };
}

const NUMERIC_OPTIONS = new Set(['--trials', '--precision', '--seed', '--workers']);

function numberOf(text: string): number {
  const cleaned = text.trim().replace(/[_,]/g, '');
  return cleaned === '' ? NaN : Number(cleaned);
}

/** What a numeric option holds, for its sentence: English, Chinese. */
const OPTION_MEANING = {
  '--trials': ['the number of trials', '试验次数'],
  '--seed': ['the seed', '随机种子'],
  '--workers': ['the number of workers', '工作线程数'],
} as const;

function wholeNumber(option: keyof typeof OPTION_MEANING, text: string, min: number, max: number) {
  const value = numberOf(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    const [what, whatZh] = OPTION_MEANING[option];
    const unbounded = max === Number.MAX_SAFE_INTEGER;
    const range = unbounded
      ? `a whole number of at least ${min}`
      : `a whole number from ${min} to ${max.toLocaleString('en-US')}`;
    const rangeZh = unbounded
      ? `不小于 ${min} 的整数`
      : `${min} 到 ${max.toLocaleString('en-US')} 之间的整数`;
    throw new UsageError(
      `${option} must be ${range} (${what}); got "${text}".`,
      `${option}（${whatZh}）必须是 ${rangeZh}；收到的是“${text}”。`,
    );
  }
  return value;
}

function precisionOf(text: string): number {
  const value = numberOf(text);
  if (!(value > 0 && value <= 0.5)) {
    throw new UsageError(
      `--precision must be a number above 0 and at most 0.5 (the half-width of the 95 % interval of R to reach, e.g. 0.001); got "${text}".`,
      `--precision（要达到的 R 的 95 % 区间半宽，例如 0.001）必须大于 0 且不超过 0.5；收到的是“${text}”。`,
    );
  }
  return value;
}

async function simulateCommand(argv: string[], io: CliIO): Promise<number> {
  const say = cliMessages(io.language ?? 'en');
  const args = parseSimulateArguments(argv);
  if (args.workersAsked !== null) {
    io.stderr(`failpoint: ${say.workersCapped(args.workersAsked, args.workers)}\n`);
  }
  const loaded = await loadBlueprint(args.file, io);
  if (!loaded.ok) return loaded.exitCode;
  const { blueprint } = loaded;
  const model = pickModel(blueprint, args.scenario);
  const scenarioName =
    args.scenario && args.scenario !== 'baseline'
      ? blueprint.scenarios.find((s) => s.id === args.scenario)?.name
      : undefined;

  const showProgress = io.isTTY && !args.json;
  const bar = showProgress ? new ProgressBar(io) : null;
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  let result: PoolSimulationResult;
  try {
    result = await duringAsync('simulation', args.file, () => {
      const pool = createNodeSimulationPool({ size: args.workers });
      return pool
        .simulate(model, {
          trials: args.trials,
          precision: args.precision,
          seed: args.seed,
          timeAndCost: !args.reliabilityOnly,
          signal: controller.signal,
          onProgress: bar ? (progress) => bar.draw(progress) : undefined,
        })
        .finally(() => pool.terminate());
    });
  } finally {
    process.removeListener('SIGINT', interrupt);
    bar?.clear();
  }

  // Interrupted before the first chunk was merged: there is no estimate to print, only that.
  if (result.missingFigures === 'no-trials') {
    io.stderr(`failpoint: ${say.interruptedBeforeAnyTrial}\n`);
    return EXIT.interrupted;
  }
  const exact = exactReliability(model);
  if (args.json) {
    writeJsonDocument(
      io.stdout,
      simulationJson(result, model, exact, args.scenario, args.reliabilityOnly),
    );
  } else {
    const title = blueprint.document.title ?? args.file;
    io.stdout(
      simulationText(
        title,
        scenarioName,
        model,
        result,
        exact,
        args.reliabilityOnly,
        io.language ?? 'en',
      ),
    );
  }
  if (result.cancelled) {
    io.stderr(`failpoint: ${say.interrupted(result.trials)}\n`);
    return EXIT.interrupted;
  }
  return EXIT.ok;
}

/** Node id → value for the nodes `keep` accepts, as a table any id can be a key of. */
const byId = (model: Model, values: ArrayLike<number>, keep: (v: number) => boolean) =>
  idTable(model.nodes.map((node, v) => [node.id, keep(v) ? values[v] : undefined]));

/**
 * The `--json` document: the keys of the specification first, then the details.
 * `reliabilityOnly` says that durations and costs were left unsampled (`time` and `cost` are
 * then null whatever the blueprint has).
 */
export function simulationJson(
  result: PoolSimulationResult,
  model: Model,
  exact: number | null,
  scenario?: string,
  reliabilityOnly = false,
) {
  const visits = result.nodes.map((n) => n.visits);
  const recoveries = result.nodes.map((n) => n.recoveries);
  const uncaught = result.nodes.map((n) => n.uncaught);
  const failures = result.nodes.map((n) => n.failures);
  return {
    ...(scenario ? { scenario } : {}),
    trials: result.trials,
    successes: result.successes,
    reliability: result.reliability,
    ci95: result.ci95,
    seed: result.seed,
    trialsPerSecond: result.perSecond,
    failPoints: byId(model, failures, (v) => failures[v] > 0),
    failures: result.failures,
    stoppedByLoopGuard: result.stopped,
    completedTrials: result.completed,
    loopGuardVisitLimit: result.visitLimit,
    missingFigures: result.missingFigures,
    halfWidth: result.halfWidth,
    failuresPer10k: result.failuresPer10k,
    exactReliability: exact,
    precision: result.precision,
    precisionReached: result.precisionReached,
    cancelled: result.cancelled,
    workers: result.workers,
    elapsedSeconds: result.elapsedSeconds,
    chunkSize: result.chunkSize,
    reliabilityOnly,
    failPointRanking: result.failPointRanking,
    recoveries: byId(model, recoveries, (v) => model.nodes[v].hasRecovery),
    uncaughtFailures: byId(model, uncaught, (v) => uncaught[v] > 0),
    visits: byId(model, visits, () => true),
    time: result.time,
    cost: result.cost,
    convergence: result.convergence,
  };
}

function simulationText(
  title: string,
  scenario: string | undefined,
  model: Model,
  result: PoolSimulationResult,
  exact: number | null,
  reliabilityOnly: boolean,
  language: CliLanguage,
): string {
  const say = readableText(language);
  const label = (id: string) =>
    truncate(shown(model.nodes[model.indexOf.get(id)!].label), LABEL_WIDTH);
  const [low, high] = result.ci95;
  let out = `${say.scenarioOf(shown(title), scenario === undefined ? undefined : shown(scenario))} — ${say.monteCarlo}\n\n`;
  out +=
    result.missingFigures === 'all-stopped'
      ? say.allStopped
      : say.simulatedReliability(
          result.reliability.toFixed(4),
          probability(low, 4),
          probability(high, 4),
        );
  if (exact !== null && result.stopped > 0) {
    // The exact R counts every customer; the simulated one only those the guard let finish.
    out += say.exactNotComparable(probability(exact, 6));
  } else if (exact !== null) {
    const inside = exact >= low && exact <= high;
    out += say.exactAgainstInterval(probability(exact, 6), inside);
  }
  out += say.successes(count(result.successes), count(result.completed));
  out += say.failuresPer10k(count(result.failuresPer10k, 1));
  out += say.trials(
    count(result.trials),
    result.elapsedSeconds.toFixed(2),
    formatRate(result.perSecond),
    result.workers,
    result.seed,
  );
  if (result.precision !== null) {
    out += result.precisionReached
      ? say.precisionReached(result.precision, result.halfWidth.toPrecision(3))
      : say.precisionMissed(
          result.precision,
          count(result.trials),
          result.halfWidth.toPrecision(3),
        );
  }
  if (result.stopped > 0) {
    out += say.loopGuard(count(result.stopped), count(result.visitLimit), count(result.completed));
  }
  if (result.cancelled) out += say.interrupted;
  if (reliabilityOnly && model.nodes.some(hasTimeOrCost)) {
    out += say.notSampled;
  }

  const top = result.failPointRanking.slice(0, TOP_FAIL_POINTS);
  if (top.length > 0) {
    const [node, labelHeader, failures, per10k, share] = say.whereHeaders;
    out += `\n  ${say.whereTitle(result.failPointRanking.length > TOP_FAIL_POINTS ? TOP_FAIL_POINTS : null)}\n`;
    out += table(
      [
        { header: node },
        { header: labelHeader },
        { header: failures, align: 'right' },
        { header: per10k, align: 'right' },
        { header: share, align: 'right' },
      ],
      top.map((f) => [
        shown(f.id),
        label(f.id),
        count(f.count),
        count((f.count / result.completed) * 10_000, 1),
        percent(f.share, 1),
      ]),
      '    ',
    );
  }

  const recovered = result.nodes.filter((n) => n.recoveries > 0);
  if (recovered.length > 0) {
    const [step, labelHeader, caught, per10k] = say.recoveryHeaders;
    out += `\n  ${say.recoveriesTitle}\n`;
    out += table(
      [
        { header: step },
        { header: labelHeader },
        { header: caught, align: 'right' },
        { header: per10k, align: 'right' },
      ],
      recovered.map((n) => [
        shown(n.id),
        label(n.id),
        count(n.recoveries),
        count((n.recoveries / result.trials) * 10_000, 1),
      ]),
      '    ',
    );
  }

  const rows: string[][] = [];
  const addRow = (name: string, values: ValueSummary | null, digits: number) => {
    if (!values) return;
    const f = (x: number) => x.toFixed(digits);
    rows.push([name, f(values.mean), f(values.p50), f(values.p90), f(values.p95), f(values.p99)]);
  };
  addRow(say.timeRow, result.time, 1);
  addRow(say.costRow, result.cost, 2);
  if (rows.length > 0) {
    const [blank, mean, p50, p90, p95, p99] = say.perCustomerHeaders;
    out += `\n  ${say.perCustomerTitle}\n`;
    out += table(
      [
        { header: blank },
        { header: mean, align: 'right' },
        { header: p50, align: 'right' },
        { header: p90, align: 'right' },
        { header: p95, align: 'right' },
        { header: p99, align: 'right' },
      ],
      rows,
      '    ',
    );
  }
  return out;
}

function hasTimeOrCost(node: Model['nodes'][number]): boolean {
  return Boolean(node.duration || node.cost || node.recoveryDuration || node.recoveryCost);
}

function formatRate(perSecond: number): string {
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(1)} M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k`;
  return perSecond.toFixed(0);
}

/** A one-line progress bar redrawn in place on a terminal. */
class ProgressBar {
  private drawn = false;

  constructor(private readonly io: CliIO) {}

  draw(progress: SimulationProgress): void {
    const share = progress.total > 0 ? Math.min(1, progress.done / progress.total) : 0;
    const estimate = Number.isFinite(progress.reliability)
      ? `R ≈ ${progress.reliability.toFixed(4)} ± ${progress.halfWidth.toFixed(4)}`
      : 'R ≈ …';
    const text = readableText(this.io.language ?? 'en').progress(
      (share * 100).toFixed(0).padStart(3),
      count(progress.done),
      estimate,
      formatRate(progress.perSecond),
    );
    const columns = this.io.columns ?? 80;
    const width = Math.max(10, Math.min(40, columns - displayWidth(text) - 4));
    const filled = Math.round(share * width);
    const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${text}`;
    this.io.stdout(`\r${truncate(line, Math.max(1, columns - 1))}\x1b[K`);
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.io.stdout('\r\x1b[K');
  }
}

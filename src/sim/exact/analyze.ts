/**
 * The full exact analysis of a blueprint: R, where failures come from, how often each node is
 * visited, and what each step's reliability and recovery are worth.
 */
import type { Model } from '../model';
import { ExactSolution } from './solution';
import type {
  Analysis,
  AnalyzeOptions,
  FailPoint,
  NodeFigures,
  StepFigures,
  TornadoBar,
} from './types';

/** Default Δ of the tornado, in reliability (0–1). */
export const DEFAULT_TORNADO_DELTA = 0.05;

/**
 * Exact analysis of a validated model (see SPEC §3). One solve of the model's chains; every
 * importance, potential and tornado value is then an exact rank-one update of that solve, not
 * a re-analysis, so the whole analysis stays linear in the size of the blueprint (plus small
 * dense solves for loops).
 *
 * @throws RangeError when `tornadoDelta` is not a number in [0, 1].
 */
export function analyze(model: Model, options: AnalyzeOptions = {}): Analysis {
  const tornadoDelta = options.tornadoDelta ?? DEFAULT_TORNADO_DELTA;
  if (!(tornadoDelta >= 0 && tornadoDelta <= 1)) {
    throw new RangeError(
      `The tornado step is ${tornadoDelta}; it must be a reliability change between 0 and 1.`,
    );
  }
  const solution = new ExactSolution(model, { visits: true });
  const { nodes, blocks } = model;
  const { plan } = solution;
  const R = solution.reliability;
  const F = solution.failureProbability;

  // Expected visits: a branch runs once per run of its block, and a block runs once per visit
  // of its parallel node; blocks are listed innermost first, so walk them backwards.
  const levelScale = new Float64Array(plan.levelCount);
  levelScale[0] = 1;
  for (let b = blocks.length - 1; b >= 0; b--) {
    const parallel = blocks[b].parallel;
    const runs = levelScale[plan.levelOf[parallel]] * solution.visitsWithinLevel(parallel);
    for (const level of plan.branchLevels[b]) levelScale[level] = runs;
  }
  const ending = solution.outcomeByNode();

  const nodeFigures: NodeFigures[] = nodes.map((node) => {
    let expectedVisits: number;
    let visitProbability: number;
    if (node.type === 'end') {
      expectedVisits = ending[node.index];
      visitProbability = ending[node.index];
    } else {
      expectedVisits =
        levelScale[plan.levelOf[node.index]] * solution.visitsWithinLevel(node.index);
      visitProbability = expectedVisits === 0 ? 0 : solution.visitProbability(node.index);
    }
    return { index: node.index, id: node.id, type: node.type, visitProbability, expectedVisits };
  });

  const failPoints: Record<string, number> = {};
  const ranking: FailPoint[] = [];
  const isFailPoint = new Uint8Array(nodes.length);
  for (const node of nodes) {
    const candidate =
      (node.type === 'end' && node.outcome === 'failure') ||
      (node.type === 'join' && node.block < 0) ||
      (node.type === 'step' && node.block < 0 && node.failureEdge < 0);
    if (!candidate) continue;
    isFailPoint[node.index] = 1;
    const probability = ending[node.index];
    failPoints[node.id] = probability;
    if (probability > 0) {
      ranking.push({
        index: node.index,
        id: node.id,
        type: node.type as FailPoint['type'],
        probability,
        share: F > 0 ? probability / F : 0,
      });
    }
  }
  ranking.sort((a, b) => b.probability - a.probability || a.index - b.index);

  const steps: StepFigures[] = [];
  const tornado: TornadoBar[] = [];
  for (const node of nodes) {
    if (node.type !== 'step') continue;
    const r = node.reliability;
    const c = node.catchRate;
    const visits = nodeFigures[node.index].expectedVisits;
    const failPointProbability = isFailPoint[node.index] ? ending[node.index] : 0;
    const perfect = solution.reliabilityChange(node.index, 1, c);
    steps.push({
      index: node.index,
      id: node.id,
      label: node.label,
      reliability: r,
      catchRate: c,
      hasRecovery: node.hasRecovery,
      reliabilityWithRecovery: r + (1 - r) * c,
      expectedVisits: visits,
      failPointProbability,
      failShare: F > 0 ? failPointProbability / F : 0,
      expectedUncaughtFailures: visits * (1 - r) * (1 - c),
      recoveryUse: visits * (1 - r) * c,
      birnbaumImportance: solution.reliabilityDerivative(node.index),
      improvementPotential: perfect,
      catchImportance: solution.catchDerivative(node.index),
      // A perfect catch and a perfect step leave the same row (pass 1, uncaught failure 0),
      // so R(c = 1) = R(r = 1).
      catchPotential: node.hasRecovery ? perfect : null,
    });

    const lowReliability = Math.max(0, r - tornadoDelta);
    const highReliability = Math.min(1, r + tornadoDelta);
    const down = solution.reliabilityChange(node.index, lowReliability, c);
    const up = solution.reliabilityChange(node.index, highReliability, c);
    tornado.push({
      index: node.index,
      id: node.id,
      reliability: r,
      lowReliability,
      highReliability,
      low: clampProbability(R + down),
      high: clampProbability(R + up),
      swing: up - down,
    });
  }
  tornado.sort((a, b) => b.swing - a.swing || a.index - b.index);

  return {
    reliability: R,
    failureProbability: F,
    failuresPer10k: F * 10_000,
    tornadoDelta,
    nodes: nodeFigures,
    steps,
    failPoints,
    failPointRanking: ranking,
    tornado,
  };
}

function clampProbability(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

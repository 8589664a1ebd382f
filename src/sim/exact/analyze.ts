/**
 * The full exact analysis of a blueprint: R, where failures come from, how often each node is
 * visited, and what each step's reliability and recovery are worth.
 */
import { END, JOIN, STEP, type Model } from '../model';
import { defineLazy } from '../lazy';
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
  const { graph, blocks } = model;
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
    for (let level = plan.branchLevels[b]; level < plan.branchLevels[b + 1]; level++) {
      levelScale[level] = runs;
    }
  }
  const ending = solution.outcomeByNode();

  // Every figure is computed here, into columns; the lists of objects the result offers
  // (nodes, steps, fail points, tornado bars) are made from the columns when first read. A
  // million-node blueprint read only for R and a few figures then makes no million objects.
  const nodeCount = graph.nodeCount;
  const { type } = graph;
  const expectedVisits = new Float64Array(nodeCount);
  const visitProbability = new Float64Array(nodeCount);
  const isFailPoint = new Uint8Array(nodeCount);
  solution.visitProbabilities(visitProbability);
  let stepCount = 0;
  for (let i = 0; i < nodeCount; i++) {
    if (type[i] === END) {
      expectedVisits[i] = ending[i];
      visitProbability[i] = ending[i];
      if (graph.failureEnd[i]) isFailPoint[i] = 1;
      continue;
    }
    const visits = levelScale[plan.levelOf[i]] * solution.visitsWithinLevel(i);
    expectedVisits[i] = visits;
    if (visits === 0) visitProbability[i] = 0;
    if (type[i] === STEP) {
      stepCount++;
      if (graph.block[i] < 0 && graph.failureEdge[i] < 0) isFailPoint[i] = 1;
    } else if (type[i] === JOIN && graph.block[i] < 0) {
      isFailPoint[i] = 1;
    }
  }

  const stepIndex = new Int32Array(stepCount);
  const birnbaum = new Float64Array(stepCount);
  const potential = new Float64Array(stepCount);
  const catchImportance = new Float64Array(stepCount);
  const down = new Float64Array(stepCount);
  const up = new Float64Array(stepCount);
  const figures = new Float64Array(5);
  for (let i = 0, s = 0; i < nodeCount; i++) {
    if (type[i] !== STEP) continue;
    stepIndex[s] = i;
    solution.stepFigures(i, tornadoDelta, figures, 0);
    potential[s] = figures[0];
    birnbaum[s] = figures[1];
    catchImportance[s] = figures[2];
    down[s] = figures[3];
    up[s] = figures[4];
    s++;
  }

  const analysis = {
    reliability: R,
    failureProbability: F,
    failuresPer10k: F * 10_000,
    tornadoDelta,
  } as Analysis;

  defineLazy(analysis, 'nodes', (): NodeFigures[] =>
    model.nodes.map((node) => ({
      index: node.index,
      id: node.id,
      type: node.type,
      visitProbability: visitProbability[node.index],
      expectedVisits: expectedVisits[node.index],
    })),
  );

  defineLazy(analysis, 'steps', (): StepFigures[] => {
    const { nodes } = model;
    const steps: StepFigures[] = [];
    for (let s = 0; s < stepCount; s++) {
      const node = nodes[stepIndex[s]];
      const r = node.reliability;
      const c = node.catchRate;
      const visits = expectedVisits[node.index];
      const failPointProbability = isFailPoint[node.index] ? ending[node.index] : 0;
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
        birnbaumImportance: birnbaum[s],
        improvementPotential: potential[s],
        catchImportance: catchImportance[s],
        // A perfect catch and a perfect step leave the same row (pass 1, uncaught failure 0),
        // so R(c = 1) = R(r = 1).
        catchPotential: node.hasRecovery ? potential[s] : null,
      });
    }
    return steps;
  });

  defineLazy(analysis, 'failPoints', (): Record<string, number> => {
    const { nodes } = model;
    const failPoints: Record<string, number> = {};
    for (let i = 0; i < nodeCount; i++) {
      if (isFailPoint[i]) failPoints[nodes[i].id] = ending[i];
    }
    return failPoints;
  });

  defineLazy(analysis, 'failPointRanking', (): FailPoint[] => {
    const { nodes } = model;
    const ranking: FailPoint[] = [];
    for (let i = 0; i < nodeCount; i++) {
      const probability = ending[i];
      if (!isFailPoint[i] || !(probability > 0)) continue;
      const node = nodes[i];
      ranking.push({
        index: i,
        id: node.id,
        type: node.type as FailPoint['type'],
        probability,
        share: F > 0 ? probability / F : 0,
      });
    }
    return ranking.sort((a, b) => b.probability - a.probability || a.index - b.index);
  });

  defineLazy(analysis, 'tornado', (): TornadoBar[] => {
    const { nodes } = model;
    const tornado: TornadoBar[] = [];
    for (let s = 0; s < stepCount; s++) {
      const node = nodes[stepIndex[s]];
      const r = node.reliability;
      tornado.push({
        index: node.index,
        id: node.id,
        reliability: r,
        lowReliability: Math.max(0, r - tornadoDelta),
        highReliability: Math.min(1, r + tornadoDelta),
        low: clampProbability(R + down[s]),
        high: clampProbability(R + up[s]),
        swing: up[s] - down[s],
      });
    }
    return tornado.sort((a, b) => b.swing - a.swing || a.index - b.index);
  });

  return analysis;
}

function clampProbability(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

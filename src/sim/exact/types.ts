/**
 * Result types of the exact analysis.
 */
import type { NodeType } from '../model';

/** Options of `analyze`. */
export interface AnalyzeOptions {
  /**
   * How far, in reliability (0–1), the tornado moves each step down and up. Default 0.05.
   * The moved values are clamped to [0, 1].
   */
  tornadoDelta?: number;
}

/** Per node: how often a customer passes through it. */
export interface NodeFigures {
  index: number;
  id: string;
  type: NodeType;
  /** Probability, 0–1, that a trial visits the node at least once. */
  visitProbability: number;
  /**
   * Expected number of visits per trial (can exceed 1 on loops). For a node inside a parallel
   * block: the expected runs of the block times the expected visits within one run of its branch.
   */
  expectedVisits: number;
}

/** Per step: where failures come from and what improving the step would buy. */
export interface StepFigures {
  index: number;
  id: string;
  label: string;
  /** Probability, 0–1, that the step is done right. */
  reliability: number;
  /** Share, 0–1, of failures caught by the recovery (0 without one). */
  catchRate: number;
  hasRecovery: boolean;
  /** Probability, 0–1, that a pass through the step goes on normally: r + (1 − r)·c. */
  reliabilityWithRecovery: number;
  /** Expected visits per trial (see {@link NodeFigures.expectedVisits}). */
  expectedVisits: number;
  /**
   * Probability, 0–1, that the trial fails at this step. Zero for a step with a failure edge
   * (its failures go elsewhere) and for a step inside a parallel block (a failed branch makes
   * the trial fail at the block's join, if at all).
   */
  failPointProbability: number;
  /** {@link failPointProbability} as a share, 0–1, of all failures (0 when nothing fails). */
  failShare: number;
  /**
   * Expected number of uncaught failures of the step per trial, wherever they lead (a fail
   * point, a failure edge, a failed branch).
   */
  expectedUncaughtFailures: number;
  /** Expected number of times per trial that the step's recovery catches a failure. */
  recoveryUse: number;
  /** Birnbaum importance ∂R/∂r: reliability gained per unit of step reliability. */
  birnbaumImportance: number;
  /** R(r = 1) − R: what the blueprint gains if this step never failed (probability, 0–1). */
  improvementPotential: number;
  /** ∂R/∂c: reliability gained per unit of catch rate (defined for every step). */
  catchImportance: number;
  /** R(c = 1) − R for a step with a recovery (probability, 0–1); null without one. */
  catchPotential: number | null;
}

/** A place where trials end in failure. */
export interface FailPoint {
  index: number;
  id: string;
  /** A step whose uncaught failure ends the trial, a failure end, or a join whose block failed. */
  type: 'step' | 'end' | 'join';
  /** Probability, 0–1, that a trial fails here. */
  probability: number;
  /** Share, 0–1, of all failures (0 when nothing fails). */
  share: number;
}

/** One bar of the tornado chart. */
export interface TornadoBar {
  index: number;
  id: string;
  /** The step's reliability, 0–1. */
  reliability: number;
  /** The step's reliability moved down by Δ, clamped at 0. */
  lowReliability: number;
  /** The step's reliability moved up by Δ, clamped at 1. */
  highReliability: number;
  /** System reliability, 0–1, with the step at {@link lowReliability}. */
  low: number;
  /** System reliability, 0–1, with the step at {@link highReliability}. */
  high: number;
  /** high − low, the width of the bar (probability). */
  swing: number;
}

/**
 * Everything the exact analysis computes for one blueprint. Every figure is computed by
 * `analyze`; the lists (`nodes`, `steps`, `failPoints`, `failPointRanking`, `tornado`) are made
 * from those figures the first time each is read, and kept. They read like ordinary members
 * everywhere (JSON, a spread, a worker's message), and a caller that wants only R and a few
 * figures of a million-node blueprint makes no object per node.
 */
export interface Analysis {
  /** System reliability R: probability, 0–1, that a trial reaches a success end. */
  reliability: number;
  /** Probability, 0–1, that a trial fails, computed directly (not as 1 − R). */
  failureProbability: number;
  /** Expected failures per 10,000 customers. */
  failuresPer10k: number;
  /** The Δ used by the tornado (reliability, 0–1). */
  tornadoDelta: number;
  /** Every node, by node index. */
  nodes: NodeFigures[];
  /** Every step, in node order. */
  steps: StepFigures[];
  /**
   * Fail point id → probability, 0–1, that a trial fails there: steps without a failure edge
   * outside parallel blocks, failure ends, and joins at top level (a failed join inside a
   * block fails its branch, not the trial). Every such candidate is listed, zeros included.
   */
  failPoints: Record<string, number>;
  /** The fail points with a probability above 0, most frequent first, with their shares. */
  failPointRanking: FailPoint[];
  /** One bar per step, widest swing first. */
  tornado: TornadoBar[];
}

/**
 * fast-check arbitraries of valid blueprints, as the numeric `ModelInput` that `buildModel`
 * takes. They draw a `BlueprintPlan` and hand it to the same assembler as the benchmark's
 * generator, so every value is valid by construction and shrinks to a smaller valid blueprint.
 *
 * Sizes stay small (at most `maxSteps` steps, 12 by default) so that property tests can run
 * hundreds of cases, solve them exactly and simulate them.
 */
import fc from 'fast-check';
import {
  assembleBlueprint,
  type BlueprintPlan,
  type PlanSegment,
  type PlannedStep,
} from '../src/sim/generate';
import { LANES, type Distribution, type ModelInput } from '../src/sim/model';

/** What {@link arbitraryBlueprintInput} may put in a blueprint. Every construct is on unless switched off. */
export interface BlueprintArbitraryOptions {
  /** Decisions that send the customer back to an earlier node, and failure edges that retry. */
  loops?: boolean;
  /** Failure edges: to a rework step, and (with `loops`) back to an earlier node. */
  failureEdges?: boolean;
  /** Parallel blocks with k-of-n joins, nested up to `maxDepth` levels. */
  parallel?: boolean;
  /** Recoveries on steps. */
  recoveries?: boolean;
  /** Decisions between alternative routes. */
  decisions?: boolean;
  /** Decisions where the customer gives up (failure ends). */
  failureEnds?: boolean;
  /** Durations and costs on some steps. */
  timing?: boolean;
  /** Most steps in one blueprint (rework steps included). Default 12. */
  maxSteps?: number;
  /** Levels of parallel blocks inside each other. Default 2. */
  maxDepth?: number;
}

type Settings = Required<BlueprintArbitraryOptions>;

/** A probability in [0, 1]: round values and the bounds often, any double sometimes. */
export const arbitraryProbability: fc.Arbitrary<number> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(0, 1) },
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 100 }).map((p) => p / 100) },
  { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }).map((p) => Math.abs(p)) },
);

/** A step reliability, mostly high as in real services, down to 0 now and then. */
export const arbitraryReliability: fc.Arbitrary<number> = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 800, max: 1000 }).map((r) => r / 1000) },
  { weight: 1, arbitrary: arbitraryProbability },
);

const arbitraryDistribution: fc.Arbitrary<Distribution> = fc.oneof(
  fc.integer({ min: 0, max: 60 }).map((value): Distribution => ({ kind: 'fixed', value })),
  fc
    .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }))
    .map(([a, b]): Distribution => ({ kind: 'uniform', min: Math.min(a, b), max: Math.max(a, b) })),
  fc
    .tuple(
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 60 }),
      fc.integer({ min: 0, max: 60 }),
    )
    .map(([a, b, c]): Distribution => {
      const [min, mode, max] = [a, b, c].sort((x, y) => x - y);
      return { kind: 'triangular', min, mode, max };
    }),
  fc
    .tuple(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 20 }))
    .map(([mean, sd]): Distribution => ({ kind: 'normal', mean, sd })),
  fc
    .tuple(fc.integer({ min: -100, max: 400 }), fc.integer({ min: 0, max: 100 }))
    .map(([mu, sigma]): Distribution => ({ kind: 'lognormal', mu: mu / 100, sigma: sigma / 100 })),
  fc.integer({ min: 1, max: 60 }).map((mean): Distribution => ({ kind: 'exponential', mean })),
);

function arbitraryStep(
  settings: Pick<Settings, 'recoveries' | 'timing'>,
  reliability: fc.Arbitrary<number> = arbitraryReliability,
): fc.Arbitrary<PlannedStep> {
  const none = fc.constant(undefined);
  return fc
    .record({
      reliability,
      catchRate: settings.recoveries ? fc.option(arbitraryProbability, { nil: undefined }) : none,
      lane: fc.option(fc.constantFrom(...LANES), { nil: undefined }),
      duration: settings.timing ? fc.option(arbitraryDistribution, { nil: undefined }) : none,
      cost: settings.timing ? fc.option(arbitraryDistribution, { nil: undefined }) : none,
    })
    .map((fields) => {
      const step: PlannedStep = { reliability: fields.reliability };
      if (fields.catchRate !== undefined) step.catchRate = fields.catchRate;
      if (fields.lane !== undefined) step.lane = fields.lane;
      if (fields.duration !== undefined) step.duration = fields.duration;
      if (fields.cost !== undefined) step.cost = fields.cost;
      return step;
    });
}

interface Context {
  blockDepth: number;
  splitDepth: number;
  inBlock: boolean;
}

/** How many routes a split or branches a block may have, and how long a sequence may be. */
const MAX_ROUTES = 3;
const MAX_SPLIT_DEPTH = 2;

function arbitrarySegments(
  settings: Settings,
  context: Context,
  maxLength: number,
): fc.Arbitrary<PlanSegment[]> {
  const step = arbitraryStep(settings);
  type Weighted = fc.WeightedArbitrary<PlanSegment>;
  const kinds: Weighted[] = [
    { weight: 6, arbitrary: step.map((s): PlanSegment => ({ kind: 'step', step: s })) },
  ];
  if (settings.failureEdges) {
    kinds.push({
      weight: 1,
      arbitrary: fc
        .tuple(step, step)
        .map(([s, rework]): PlanSegment => ({ kind: 'rework', step: s, rework })),
    });
  }
  if (settings.loops) {
    kinds.push({
      weight: 2,
      arbitrary: fc
        .tuple(fc.nat({ max: 8 }), fc.integer({ min: 0, max: 95 }))
        .map(([back, p]): PlanSegment => ({ kind: 'loop', back, probability: p / 100 })),
    });
  }
  if (settings.loops && settings.failureEdges) {
    // A retried step must be able to pass, or the customer could never leave the retry loop.
    const passable = arbitraryStep(
      settings,
      fc.integer({ min: 50, max: 1000 }).map((r) => r / 1000),
    );
    kinds.push({
      weight: 1,
      arbitrary: fc
        .tuple(passable, fc.nat({ max: 8 }))
        .map(([s, back]): PlanSegment => ({ kind: 'retry', step: s, back })),
    });
  }
  if (settings.failureEnds && !context.inBlock) {
    kinds.push({
      weight: 1,
      arbitrary: fc
        .integer({ min: 0, max: 90 })
        .map((p): PlanSegment => ({ kind: 'abandon', probability: p / 100 })),
    });
  }
  if (settings.decisions && context.splitDepth < MAX_SPLIT_DEPTH) {
    const route = arbitrarySegments(
      settings,
      { ...context, splitDepth: context.splitDepth + 1 },
      Math.max(1, maxLength - 2),
    );
    kinds.push({
      weight: 2,
      arbitrary: fc
        .array(fc.tuple(fc.integer({ min: 0, max: 10 }), route), {
          minLength: 2,
          maxLength: MAX_ROUTES,
        })
        .map((routes): PlanSegment => {
          const weights = routes.map(([w]) => w);
          if (!weights.some((w) => w > 0)) weights[0] = 1;
          const total = weights.reduce((a, b) => a + b, 0);
          return {
            kind: 'split',
            alternatives: routes.map(([, segments], i) => ({
              probability: weights[i] / total,
              segments,
            })),
          };
        }),
    });
  }
  if (settings.parallel && context.blockDepth < settings.maxDepth) {
    const branch = arbitrarySegments(
      settings,
      { blockDepth: context.blockDepth + 1, splitDepth: context.splitDepth, inBlock: true },
      Math.max(1, maxLength - 2),
    );
    kinds.push({
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.array(branch, { minLength: 2, maxLength: MAX_ROUTES }),
          fc.option(fc.integer({ min: 1, max: MAX_ROUTES }), { nil: undefined }),
        )
        .map(([branches, k]): PlanSegment =>
          k === undefined ? { kind: 'block', branches } : { kind: 'block', branches, k },
        ),
    });
  }
  return fc.array(fc.oneof(...kinds), { maxLength });
}

function stepsIn(segment: PlanSegment): number {
  switch (segment.kind) {
    case 'step':
    case 'retry':
      return 1;
    case 'rework':
      return 2;
    case 'loop':
    case 'abandon':
      return 0;
    case 'split':
      return segment.alternatives.reduce(
        (sum, a) => sum + a.segments.reduce((s, x) => s + stepsIn(x), 0),
        0,
      );
    case 'block':
      return segment.branches.reduce((sum, b) => sum + b.reduce((s, x) => s + stepsIn(x), 0), 0);
  }
}

/** Keeps segments, in order, while the plan has room for their steps; drops the rest. */
function limitSteps(segments: PlanSegment[], room: { left: number }): PlanSegment[] {
  const kept: PlanSegment[] = [];
  for (const segment of segments) {
    if (segment.kind === 'split') {
      kept.push({
        kind: 'split',
        alternatives: segment.alternatives.map((a) => ({
          probability: a.probability,
          segments: limitSteps(a.segments, room),
        })),
      });
    } else if (segment.kind === 'block') {
      kept.push({ ...segment, branches: segment.branches.map((b) => limitSteps(b, room)) });
    } else {
      const steps = stepsIn(segment);
      if (steps > room.left) continue;
      room.left -= steps;
      kept.push(segment);
    }
  }
  return kept;
}

function settingsOf(options: BlueprintArbitraryOptions): Settings {
  return {
    loops: options.loops ?? true,
    failureEdges: options.failureEdges ?? true,
    parallel: options.parallel ?? true,
    recoveries: options.recoveries ?? true,
    decisions: options.decisions ?? true,
    failureEnds: options.failureEnds ?? true,
    timing: options.timing ?? true,
    maxSteps: options.maxSteps ?? 12,
    maxDepth: options.maxDepth ?? 2,
  };
}

/**
 * Plans of small valid blueprints (see {@link BlueprintArbitraryOptions}). Loops may overlap
 * and nest; every loop can be left with positive probability.
 */
export function arbitraryBlueprintPlan(
  options: BlueprintArbitraryOptions = {},
): fc.Arbitrary<BlueprintPlan> {
  const settings = settingsOf(options);
  return arbitrarySegments(settings, { blockDepth: 0, splitDepth: 0, inBlock: false }, 6).map(
    (segments) => ({ segments: limitSteps(segments, { left: settings.maxSteps }) }),
  );
}

/**
 * Small valid blueprints mixing series steps, recoveries, decisions, rework loops, failure
 * edges, failure ends and parallel blocks with k-of-n joins nested up to two levels. Every
 * value passes `buildModel`.
 */
export function arbitraryBlueprintInput(
  options: BlueprintArbitraryOptions = {},
): fc.Arbitrary<ModelInput> {
  return arbitraryBlueprintPlan(options).map(assembleBlueprint);
}

/** Options of {@link arbitrarySeriesInput}. */
export interface SeriesArbitraryOptions {
  /** Fewest steps. Default 1. */
  minSteps?: number;
  /** Most steps. Default 12. */
  maxSteps?: number;
  /** Recoveries on some steps. Default false, so that R is the product of the reliabilities. */
  recoveries?: boolean;
  /** Durations and costs on some steps. Default false. */
  timing?: boolean;
}

/** Blueprints made of steps in series only: `start → s1 → … → sN → end`. */
export function arbitrarySeriesInput(
  options: SeriesArbitraryOptions = {},
): fc.Arbitrary<ModelInput> {
  const step = arbitraryStep({
    recoveries: options.recoveries ?? false,
    timing: options.timing ?? false,
  });
  return fc
    .array(step, { minLength: options.minSteps ?? 1, maxLength: options.maxSteps ?? 12 })
    .map((steps) =>
      assembleBlueprint({ segments: steps.map((s): PlanSegment => ({ kind: 'step', step: s })) }),
    );
}

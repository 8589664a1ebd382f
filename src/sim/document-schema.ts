/**
 * The blueprint file format as zod schemas: what a `*.blueprint.json` file of version
 * {@link BLUEPRINT_VERSION} holds, exactly. The types of `document.ts` are inferred from here.
 *
 * Every object is strict, so a misspelt key is reported instead of silently ignored, and every
 * object may carry `notes`. The schemas check shape only: whether expressions evaluate, whether
 * probabilities lie in [0, 1], whether distributions make sense and whether the graph is a
 * well-formed blueprint is checked by `validateDocument` in `parse.ts`, which is the one way a
 * document becomes a computable model.
 *
 * Nothing the app needs to open a well-formed file imports this module: the shape check of
 * `validate-shape.ts` says yes to such a file without zod, and `document.ts` holds plain copies
 * of the field registry and of where expressions sit (tests hold them equal to these schemas).
 * zod is needed to word the problems of a file that does not fit, which `schema-wording-zod.ts`
 * installs into the parser; the app loads it just after its first view, the command line, the
 * workers and the tests at once.
 *
 * No defaults are filled in here, so that saving a loaded document writes back what its author
 * wrote. Defaults (lane `backstage`, reliability 1, outcome `success`, join `k` = all branches,
 * edge kind `normal`) are applied when the document is resolved into a model.
 */
import * as z from 'zod';
import { BLUEPRINT_FORMAT, BLUEPRINT_VERSION } from './document';
import { fieldMeta } from './fields';
import { LANES, type NodeType } from './model';

/** Free text for the author; allowed on every object and ignored by the engine. */
const notes = z.string().optional().register(fieldMeta, { kind: 'text' });

/**
 * A number, or an arithmetic expression over the blueprint's parameters written as a string
 * (see `expressions.ts` for what an expression may contain).
 */
export const NumberOrExpressionSchema = z.union([z.number(), z.string()]);
export type NumberOrExpression = z.infer<typeof NumberOrExpressionSchema>;

/** A canvas position, in canvas pixels. */
export const PositionSchema = z.strictObject({ x: z.number(), y: z.number(), notes });
export type Position = z.infer<typeof PositionSchema>;

/**
 * A probability distribution of a duration or a cost as written in a file. Every parameter
 * may be an expression. `lognormal` takes the mean `mu` and standard deviation `sigma` of the
 * logarithm of the value.
 */
export const DistributionSpecSchema = z.discriminatedUnion('dist', [
  z.strictObject({ dist: z.literal('fixed'), value: NumberOrExpressionSchema, notes }),
  z.strictObject({
    dist: z.literal('uniform'),
    min: NumberOrExpressionSchema,
    max: NumberOrExpressionSchema,
    notes,
  }),
  z.strictObject({
    dist: z.literal('triangular'),
    min: NumberOrExpressionSchema,
    mode: NumberOrExpressionSchema,
    max: NumberOrExpressionSchema,
    notes,
  }),
  z.strictObject({
    dist: z.literal('normal'),
    mean: NumberOrExpressionSchema,
    sd: NumberOrExpressionSchema,
    notes,
  }),
  z.strictObject({
    dist: z.literal('lognormal'),
    mu: NumberOrExpressionSchema,
    sigma: NumberOrExpressionSchema,
    notes,
  }),
  z.strictObject({ dist: z.literal('exponential'), mean: NumberOrExpressionSchema, notes }),
]);
export type DistributionSpec = z.infer<typeof DistributionSpecSchema>;

/** A duration (minutes) or a cost (currency units): a fixed amount or a distribution. */
export const QuantitySpecSchema = z.union([z.number(), z.string(), DistributionSpecSchema]);
export type QuantitySpec = z.infer<typeof QuantitySpecSchema>;

/**
 * Observed performance of a step: it was done right `successes` times out of `trials`. Both
 * are whole numbers with `0 ≤ successes ≤ trials` and `trials ≥ 1` (checked by validation).
 */
export const ObservedDataSpecSchema = z.strictObject({
  successes: z.number(),
  trials: z.number(),
  notes,
});
export type ObservedDataSpec = z.infer<typeof ObservedDataSpecSchema>;

/** A step's reliability: a probability (0–1), an expression, or observed data. */
export const ReliabilitySpecSchema = z.union([z.number(), z.string(), ObservedDataSpecSchema]);
export type ReliabilitySpec = z.infer<typeof ReliabilitySpecSchema>;

/**
 * How a step's failures are caught: `catch` is the share (probability, 0–1) of failures caught;
 * `duration` (minutes) and `cost` are added to a trial each time the recovery is used.
 */
export const RecoverySpecSchema = z.strictObject({
  catch: NumberOrExpressionSchema,
  label: z.string().optional(),
  duration: QuantitySpecSchema.optional(),
  cost: QuantitySpecSchema.optional(),
  notes,
});
export type RecoverySpec = z.infer<typeof RecoverySpecSchema>;

/** The swimlane a node is drawn in; default `backstage`. */
export const LaneSchema = z.enum(LANES);
/** How reaching an end node counts; default `success`. */
export const OutcomeSchema = z.enum(['success', 'failure']);
/** `failure` marks the edge an uncaught failure of a step takes; default `normal`. */
export const EdgeKindSchema = z.enum(['normal', 'failure']);

/** Fields every node may carry, whatever its type. */
const nodeBase = {
  id: z.string(),
  // The order of the fields is the order the inspector shows them in.
  label: z.string().optional().register(fieldMeta, { kind: 'text' }),
  lane: LaneSchema.optional().register(fieldMeta, { kind: 'choice' }),
  position: PositionSchema.optional().register(fieldMeta, { kind: 'position', unit: 'pixels' }),
  notes,
};

/**
 * The values of a step that a scenario may change: the step's schema and a scenario's node
 * change are both built from this one shape, so a new step value is settable by scenarios by
 * being written here (see `fields.ts`).
 */
const stepValues = {
  /** Default 1. */
  reliability: ReliabilitySpecSchema.optional().register(fieldMeta, {
    kind: 'reliability',
    unit: 'probability',
  }),
  recovery: RecoverySpecSchema.optional().register(fieldMeta, { kind: 'recovery' }),
  duration: QuantitySpecSchema.optional().register(fieldMeta, {
    kind: 'quantity',
    unit: 'minutes',
  }),
  cost: QuantitySpecSchema.optional().register(fieldMeta, { kind: 'quantity', unit: 'currency' }),
};

/** Where the customer enters: no incoming edge, one outgoing edge, exactly one per blueprint. */
export const StartNodeSpecSchema = z.strictObject({ ...nodeBase, type: z.literal('start') });
/** Where a trial ends, as a success (default) or a failure at this end. */
export const EndNodeSpecSchema = z.strictObject({
  ...nodeBase,
  type: z.literal('end'),
  /** Default `success`. */
  outcome: OutcomeSchema.optional().register(fieldMeta, { kind: 'choice' }),
});
/**
 * An activity done right with probability `reliability` (default 1), optionally with a recovery
 * that catches part of its failures, a duration (minutes) and a cost (currency units).
 */
export const StepNodeSpecSchema = z.strictObject({
  ...nodeBase,
  type: z.literal('step'),
  ...stepValues,
});
/** An exclusive choice; its outgoing edges carry probabilities that add up to 1. */
export const DecisionNodeSpecSchema = z.strictObject({ ...nodeBase, type: z.literal('decision') });
/** Starts branches that all run at once, until its join. */
export const ParallelNodeSpecSchema = z.strictObject({ ...nodeBase, type: z.literal('parallel') });
/** Closes the nearest open parallel; passes when at least `k` branches succeeded. */
export const JoinNodeSpecSchema = z.strictObject({
  ...nodeBase,
  type: z.literal('join'),
  /** Branches that must succeed; default all branches of the block. */
  k: z.number().optional().register(fieldMeta, { kind: 'integer', unit: 'branches' }),
});

/** A node of the blueprint; which fields it may carry depends on its `type`. */
export const NodeSpecSchema = z.discriminatedUnion('type', [
  StartNodeSpecSchema,
  EndNodeSpecSchema,
  StepNodeSpecSchema,
  DecisionNodeSpecSchema,
  ParallelNodeSpecSchema,
  JoinNodeSpecSchema,
]);
export type NodeSpec = z.infer<typeof NodeSpecSchema>;
export type StartNodeSpec = z.infer<typeof StartNodeSpecSchema>;
export type EndNodeSpec = z.infer<typeof EndNodeSpecSchema>;
export type StepNodeSpec = z.infer<typeof StepNodeSpecSchema>;
export type DecisionNodeSpec = z.infer<typeof DecisionNodeSpecSchema>;
export type ParallelNodeSpec = z.infer<typeof ParallelNodeSpecSchema>;
export type JoinNodeSpec = z.infer<typeof JoinNodeSpecSchema>;

/**
 * A connection between two nodes. `kind: "failure"` marks the way an uncaught failure of a step
 * goes; `probability` (0–1) is given on the edges leaving a decision and nowhere else.
 */
export const EdgeSpecSchema = z.strictObject({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  /** Default `normal`. */
  kind: EdgeKindSchema.optional(),
  probability: NumberOrExpressionSchema.optional(),
  label: z.string().optional(),
  notes,
});
export type EdgeSpec = z.infer<typeof EdgeSpecSchema>;

/** A named number usable in expressions. `value` may itself be an expression over parameters. */
export const ParameterSpecSchema = z.strictObject({
  value: NumberOrExpressionSchema,
  label: z.string().optional(),
  notes,
});
export type ParameterSpec = z.infer<typeof ParameterSpecSchema>;

/** What a scenario may change on a node (steps only). `recovery: null` removes the recovery. */
export const NodeChangeSetSchema = z.strictObject({
  ...stepValues,
  recovery: RecoverySpecSchema.nullable().optional(),
  notes,
});
/** A scenario change to a step: the fields in `set` replace the step's own. */
export const NodeChangeSpecSchema = z.strictObject({
  node: z.string(),
  set: NodeChangeSetSchema,
  notes,
});
/** A scenario change to the probability (0–1) of an edge leaving a decision. */
export const EdgeChangeSpecSchema = z.strictObject({
  edge: z.string(),
  set: z.strictObject({ probability: NumberOrExpressionSchema, notes }),
  notes,
});
/** A scenario change to a parameter's value. */
export const ParameterChangeSpecSchema = z.strictObject({
  parameter: z.string(),
  value: NumberOrExpressionSchema,
  notes,
});

/** One change of a scenario: to a node, to an edge's probability, or to a parameter's value. */
export const ChangeSpecSchema = z.union([
  NodeChangeSpecSchema,
  EdgeChangeSpecSchema,
  ParameterChangeSpecSchema,
]);
export type ChangeSpec = z.infer<typeof ChangeSpecSchema>;
export type NodeChangeSpec = z.infer<typeof NodeChangeSpecSchema>;
export type EdgeChangeSpec = z.infer<typeof EdgeChangeSpecSchema>;
export type ParameterChangeSpec = z.infer<typeof ParameterChangeSpecSchema>;

/**
 * A named what-if: the changes of its `options` (in the order listed), then its own `changes`,
 * applied to a copy of the baseline blueprint. A scenario built only from options has
 * `"changes": []`.
 */
export const ScenarioSpecSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  options: z.array(z.string()).optional(),
  changes: z.array(ChangeSpecSchema),
  notes,
});
export type ScenarioSpec = z.infer<typeof ScenarioSpecSchema>;

/** A customer's value given as spending: per visit (currency units) × visits a year × years. */
export const CustomerSpendingSpecSchema = z.strictObject({
  spendPerVisit: NumberOrExpressionSchema,
  visitsPerYear: NumberOrExpressionSchema,
  years: NumberOrExpressionSchema,
  notes,
});

/**
 * What failures cost (SPEC §9), every number a number or an expression: customers a year, what
 * a kept customer is worth (currency units, or spending), the share of failed customers who
 * leave, word of mouth (people told, share of them lost), the cost of handling one failure
 * (currency units) and the years over which one-off costs are weighed. Absent `wordOfMouth`
 * means nobody is lost by hearsay, absent `failureCost` 0, absent `horizonYears` 3.
 */
export const EconomicsSpecSchema = z.strictObject({
  currency: z.string(),
  customersPerYear: NumberOrExpressionSchema,
  customerValue: z.union([NumberOrExpressionSchema, CustomerSpendingSpecSchema]),
  lostShare: NumberOrExpressionSchema,
  wordOfMouth: z
    .strictObject({ told: NumberOrExpressionSchema, lostShare: NumberOrExpressionSchema, notes })
    .optional(),
  failureCost: NumberOrExpressionSchema.optional(),
  horizonYears: NumberOrExpressionSchema.optional(),
  notes,
});
export type EconomicsSpec = z.infer<typeof EconomicsSpecSchema>;

/**
 * A priced improvement: a one-off cost and a yearly cost (currency units) for a list of changes
 * written as a scenario's. Scenarios list options by id; the optimiser chooses among them.
 */
export const OptionSpecSchema = z.strictObject({
  id: z.string(),
  label: z.string().optional(),
  description: z.string().optional(),
  costOnce: NumberOrExpressionSchema,
  costPerYear: NumberOrExpressionSchema.optional(),
  changes: z.array(ChangeSpecSchema),
  notes,
});
export type OptionSpec = z.infer<typeof OptionSpecSchema>;

/** A whole blueprint file of the current version. */
export const BlueprintDocumentSchema = z.strictObject({
  format: z.literal(BLUEPRINT_FORMAT),
  version: z.literal(BLUEPRINT_VERSION),
  title: z.string().optional(),
  description: z.string().optional(),
  parameters: z.record(z.string(), ParameterSpecSchema).optional(),
  nodes: z.array(NodeSpecSchema),
  edges: z.array(EdgeSpecSchema),
  scenarios: z.array(ScenarioSpecSchema).optional(),
  economics: EconomicsSpecSchema.optional(),
  options: z.array(OptionSpecSchema).optional(),
  notes,
});
export type BlueprintDocument = z.infer<typeof BlueprintDocumentSchema>;

/** The schema of each node type, from which the field registry is derived (see `fields.ts`). */
export const NODE_SCHEMAS: Readonly<Record<NodeType, z.ZodObject>> = {
  start: StartNodeSpecSchema,
  end: EndNodeSpecSchema,
  step: StepNodeSpecSchema,
  decision: DecisionNodeSpecSchema,
  parallel: ParallelNodeSpecSchema,
  join: JoinNodeSpecSchema,
};

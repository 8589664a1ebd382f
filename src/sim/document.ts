/**
 * The blueprint document: what a `*.blueprint.json` file holds and what the editor edits.
 *
 * The file format is written as zod schemas in `document-schema.ts`, and the types here are
 * inferred from them. This module holds what every part of Failpoint needs at run time without
 * zod: the format's constants, the field registry (what each field of a node is) and the plain
 * {@link DOCUMENT_SHAPE} parameter rename walks. The app then opens and edits a well-formed
 * blueprint before zod has arrived; zod words the problems of a file that does not fit (see
 * `schema-wording.ts`). Tests hold every table here equal to what the schemas say.
 *
 * No defaults are filled in anywhere in a document, so that saving a loaded document writes
 * back what its author wrote. Defaults (lane `backstage`, reliability 1, outcome `success`,
 * join `k` = all branches, edge kind `normal`) are applied when the document is resolved into
 * a model.
 */
import type { NodeFieldInfo } from './fields';
import { LANES, NODE_TYPES, type NodeType } from './model';
import type { Shape } from './shape';
import type { BlueprintDocument, NodeChangeSpec, NodeSpec } from './document-schema';

export type {
  BlueprintDocument,
  ChangeSpec,
  DecisionNodeSpec,
  DistributionSpec,
  EconomicsSpec,
  EdgeChangeSpec,
  EdgeSpec,
  EndNodeSpec,
  JoinNodeSpec,
  NodeChangeSpec,
  NodeSpec,
  NumberOrExpression,
  ObservedDataSpec,
  OptionSpec,
  ParallelNodeSpec,
  ParameterChangeSpec,
  ParameterSpec,
  Position,
  QuantitySpec,
  RecoverySpec,
  ReliabilitySpec,
  ScenarioSpec,
  StartNodeSpec,
  StepNodeSpec,
} from './document-schema';

/** The value of the `format` key of every blueprint file. */
export const BLUEPRINT_FORMAT = 'failpoint.blueprint';

/**
 * The file format version this build of Failpoint writes and reads. Version 2 added the
 * optional `economics` and `options` and a scenario's `options`; a version-1 file is read
 * through the migration in `parse.ts`.
 */
export const BLUEPRINT_VERSION = 2;

/** The distribution families a duration (minutes) or a cost (currency units) can follow. */
export const DISTRIBUTION_KINDS = [
  'fixed',
  'uniform',
  'triangular',
  'normal',
  'lognormal',
  'exponential',
] as const;
export type DistributionKind = (typeof DISTRIBUTION_KINDS)[number];

/**
 * The parameters of each distribution family, all numbers or expressions; a distribution
 * object carries them, its `dist` and optionally `notes`.
 */
export const DISTRIBUTION_PARAMETERS: Readonly<Record<DistributionKind, readonly string[]>> = {
  fixed: ['value'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  normal: ['mean', 'sd'],
  lognormal: ['mu', 'sigma'],
  exponential: ['mean'],
};

/** The keys of a whole document, in the order of the schema. */
export const DOCUMENT_KEYS = [
  'format',
  'version',
  'title',
  'description',
  'parameters',
  'nodes',
  'edges',
  'scenarios',
  'economics',
  'options',
  'notes',
] as const satisfies readonly (keyof BlueprintDocument)[];

/** A top-level key of a document (`nodes`, `economics`, …). */
export type DocumentKey = (typeof DOCUMENT_KEYS)[number];

const NODE_BASE = ['id', 'label', 'lane', 'position', 'notes', 'type'];

/**
 * Keys a node may carry, per type, in the order of its schema. Validation uses this to tell a
 * key that belongs to another type of node (a misplaced field) from a key that belongs to none
 * (a typo).
 */
export const NODE_FIELDS: Readonly<Record<NodeSpec['type'], readonly string[]>> = {
  start: NODE_BASE,
  end: [...NODE_BASE, 'outcome'],
  step: [...NODE_BASE, 'reliability', 'recovery', 'duration', 'cost'],
  decision: NODE_BASE,
  parallel: NODE_BASE,
  join: [...NODE_BASE, 'k'],
};

// ---------------------------------------------------------------------------------------------
// The field registry (see `fields.ts`)

type KeysOfUnion<T> = T extends unknown ? keyof T : never;

/** Every field a node may carry (`label`, `reliability`, `k`, …), whatever its type. */
export type NodeFieldKey = Exclude<KeysOfUnion<NodeSpec>, 'id' | 'type'>;

/** The fields of a node a scenario may set (`reliability`, `recovery`, `duration`, `cost`). */
export type ScenarioNodeFieldKey = Exclude<keyof NodeChangeSpec['set'], 'notes'>;

/**
 * Every node field with what it is, which node types carry it and whether scenarios set it, in
 * the order of the node schemas (the order the inspector shows them in). Written out so that
 * editing needs no zod; a test holds it equal to `buildNodeFieldRegistry` over the schemas.
 */
export const NODE_FIELD_REGISTRY: ReadonlyMap<NodeFieldKey, NodeFieldInfo> = new Map<
  NodeFieldKey,
  NodeFieldInfo
>(
  (
    [
      { key: 'label', kind: 'text', nodeTypes: NODE_TYPES, scenario: false, expressions: false },
      {
        key: 'lane',
        kind: 'choice',
        options: LANES,
        nodeTypes: NODE_TYPES,
        scenario: false,
        expressions: false,
      },
      {
        key: 'position',
        kind: 'position',
        unit: 'pixels',
        nodeTypes: NODE_TYPES,
        scenario: false,
        expressions: false,
      },
      { key: 'notes', kind: 'text', nodeTypes: NODE_TYPES, scenario: false, expressions: false },
      {
        key: 'outcome',
        kind: 'choice',
        options: ['success', 'failure'],
        nodeTypes: ['end'],
        scenario: false,
        expressions: false,
      },
      {
        key: 'reliability',
        kind: 'reliability',
        unit: 'probability',
        nodeTypes: ['step'],
        scenario: true,
        expressions: true,
      },
      { key: 'recovery', kind: 'recovery', nodeTypes: ['step'], scenario: true, expressions: true },
      {
        key: 'duration',
        kind: 'quantity',
        unit: 'minutes',
        nodeTypes: ['step'],
        scenario: true,
        expressions: true,
      },
      {
        key: 'cost',
        kind: 'quantity',
        unit: 'currency',
        nodeTypes: ['step'],
        scenario: true,
        expressions: true,
      },
      {
        key: 'k',
        kind: 'integer',
        unit: 'branches',
        nodeTypes: ['join'],
        scenario: false,
        expressions: false,
      },
    ] satisfies (NodeFieldInfo & { key: NodeFieldKey })[]
  ).map((field) => [field.key, field]),
);

/** The fields a node of this type may carry, in the order of its schema. */
export function nodeFieldsOf(type: NodeType): NodeFieldInfo[] {
  return [...NODE_FIELD_REGISTRY.values()].filter((field) => field.nodeTypes.includes(type));
}

/** Whether a field applies to a node type (reliability to steps, `k` to joins, …). */
export function fieldApplies(key: string, type: NodeType): boolean {
  return NODE_FIELD_REGISTRY.get(key as NodeFieldKey)?.nodeTypes.includes(type) ?? false;
}

/** The node fields a scenario may set, in the order of the schema. */
export const SCENARIO_NODE_FIELDS: readonly ScenarioNodeFieldKey[] = [
  ...NODE_FIELD_REGISTRY.values(),
]
  .filter((field) => field.scenario)
  .map((field) => field.key as ScenarioNodeFieldKey);

/** Whether a scenario may set this field of a node. */
export function isScenarioNodeField(key: string): key is ScenarioNodeFieldKey {
  return NODE_FIELD_REGISTRY.get(key as NodeFieldKey)?.scenario ?? false;
}

// ---------------------------------------------------------------------------------------------
// Where expressions sit (see `shape.ts`)

const NUMBER: Shape = { type: 'number' };
const TEXT: Shape = { type: 'string' };
/** A number, or an expression over the parameters written as a string. */
const EXPRESSION: Shape = { type: 'union', options: [NUMBER, TEXT] };

/** A strict object; every object of the format may carry `notes`. */
function object(shape: Record<string, Shape>): Shape {
  return { type: 'object', shape: { ...shape, notes: TEXT } };
}

function literal(value: unknown): Shape {
  return { type: 'literal', values: [value] };
}

function choice(values: readonly string[]): Shape {
  return { type: 'enum', values };
}

const DISTRIBUTION: Shape = {
  type: 'union',
  discriminator: 'dist',
  options: DISTRIBUTION_KINDS.map((kind) =>
    object({
      dist: literal(kind),
      ...Object.fromEntries(DISTRIBUTION_PARAMETERS[kind].map((name) => [name, EXPRESSION])),
    }),
  ),
};
const QUANTITY: Shape = { type: 'union', options: [NUMBER, TEXT, DISTRIBUTION] };
const RELIABILITY: Shape = {
  type: 'union',
  options: [NUMBER, TEXT, object({ successes: NUMBER, trials: NUMBER })],
};
const RECOVERY = object({ catch: EXPRESSION, label: TEXT, duration: QUANTITY, cost: QUANTITY });
const STEP_VALUES = {
  reliability: RELIABILITY,
  recovery: RECOVERY,
  duration: QUANTITY,
  cost: QUANTITY,
};

function node(type: NodeType, fields: Record<string, Shape> = {}): Shape {
  return {
    type: 'object',
    shape: {
      id: TEXT,
      label: TEXT,
      lane: choice(LANES),
      position: object({ x: NUMBER, y: NUMBER }),
      notes: TEXT,
      type: literal(type),
      ...fields,
    },
  };
}

const CHANGE: Shape = {
  type: 'union',
  options: [
    object({ node: TEXT, set: object(STEP_VALUES) }),
    object({ edge: TEXT, set: object({ probability: EXPRESSION }) }),
    object({ parameter: TEXT, value: EXPRESSION }),
  ],
};

/**
 * Where the expressions of a blueprint document sit: the plain {@link Shape} of the whole file
 * format, which parameter rename walks. A test holds it equal to the shape `describeSchema`
 * reads from `BlueprintDocumentSchema`.
 */
export const DOCUMENT_SHAPE: Shape = object({
  format: literal(BLUEPRINT_FORMAT),
  version: literal(BLUEPRINT_VERSION),
  title: TEXT,
  description: TEXT,
  parameters: { type: 'record', value: object({ value: EXPRESSION, label: TEXT }) },
  nodes: {
    type: 'array',
    element: {
      type: 'union',
      discriminator: 'type',
      options: [
        node('start'),
        node('end', { outcome: choice(['success', 'failure']) }),
        node('step', STEP_VALUES),
        node('decision'),
        node('parallel'),
        node('join', { k: NUMBER }),
      ],
    },
  },
  edges: {
    type: 'array',
    element: object({
      id: TEXT,
      source: TEXT,
      target: TEXT,
      kind: choice(['normal', 'failure']),
      probability: EXPRESSION,
      label: TEXT,
    }),
  },
  scenarios: {
    type: 'array',
    element: object({
      id: TEXT,
      name: TEXT,
      description: TEXT,
      options: { type: 'array', element: TEXT },
      changes: { type: 'array', element: CHANGE },
    }),
  },
  economics: object({
    currency: TEXT,
    customersPerYear: EXPRESSION,
    customerValue: {
      type: 'union',
      options: [
        EXPRESSION,
        object({ spendPerVisit: EXPRESSION, visitsPerYear: EXPRESSION, years: EXPRESSION }),
      ],
    },
    lostShare: EXPRESSION,
    wordOfMouth: object({ told: EXPRESSION, lostShare: EXPRESSION }),
    failureCost: EXPRESSION,
    horizonYears: EXPRESSION,
  }),
  options: {
    type: 'array',
    element: object({
      id: TEXT,
      label: TEXT,
      description: TEXT,
      costOnce: EXPRESSION,
      costPerYear: EXPRESSION,
      changes: { type: 'array', element: CHANGE },
    }),
  },
});

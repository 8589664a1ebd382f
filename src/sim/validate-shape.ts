/**
 * A quick yes to "does the blueprint schema accept this document?" for the shape nearly every
 * file has, so that a valid blueprint of a million nodes is not walked by zod, which builds a
 * full copy of the document as its output (the parser never uses it) and costs about as much
 * as `JSON.parse` itself.
 *
 * The check is one-sided on purpose: {@link fitsBlueprintSchema} answers `true` only when
 * `BlueprintDocumentSchema` accepts the value as well, and `false` whenever it is unsure. The
 * parser then runs zod, whose issues alone describe the problems, so every diagnostic stays
 * exactly what zod's path gives. Nodes and edges, which make up the bulk of any large file,
 * are checked here by hand; the small parts (parameters, scenarios, economics, options) go
 * through their own zod schemas.
 */
import {
  BLUEPRINT_FORMAT,
  BLUEPRINT_VERSION,
  BlueprintDocumentSchema,
  DISTRIBUTION_KINDS,
  type DistributionKind,
} from './document';
import { LANES, NODE_TYPES, type NodeType } from './model';

type Raw = Record<string, unknown>;

/**
 * A plain object as `JSON.parse` makes it. Anything else (a class instance, an object without
 * a prototype, a list) is left to zod, whose treatment of such values this check does not
 * copy.
 */
function isPlain(value: unknown): value is Raw {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}

function isNumber(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value);
}

function isNumberOrText(value: unknown): boolean {
  return typeof value === 'string' || isNumber(value);
}

function isOptionalText(value: unknown): boolean {
  return value === undefined || typeof value === 'string';
}

/**
 * True when every key of `object` is in `allowed` (a strict object). `for…in` walks the keys
 * the way zod's own unknown-key check does.
 */
function onlyKeys(object: Raw, allowed: ReadonlySet<string>): boolean {
  for (const key in object) if (!allowed.has(key)) return false;
  return true;
}

const LANE_SET: ReadonlySet<unknown> = new Set(LANES);
const NODE_TYPE_SET: ReadonlySet<unknown> = new Set(NODE_TYPES);

// The keys each object may carry are written out here rather than read from the schemas: a
// field added to a schema is then an unknown key to this check, which says "cannot tell", until
// the check learns the field's type too. A test holds these lists equal to the schemas'.

const NODE_BASE = ['id', 'type', 'label', 'lane', 'position', 'notes'];

/** The keys a node of each type may carry. */
export const FAST_NODE_KEYS: ReadonlyMap<NodeType, ReadonlySet<string>> = new Map<
  NodeType,
  ReadonlySet<string>
>([
  ['start', new Set(NODE_BASE)],
  ['end', new Set([...NODE_BASE, 'outcome'])],
  ['step', new Set([...NODE_BASE, 'reliability', 'recovery', 'duration', 'cost'])],
  ['decision', new Set(NODE_BASE)],
  ['parallel', new Set(NODE_BASE)],
  ['join', new Set([...NODE_BASE, 'k'])],
]);

/** The keys of a position, observed data, a recovery, an edge and a whole document. */
export const FAST_KEYS = {
  position: new Set(['x', 'y', 'notes']),
  observed: new Set(['successes', 'trials', 'notes']),
  recovery: new Set(['catch', 'label', 'duration', 'cost', 'notes']),
  edge: new Set(['id', 'source', 'target', 'kind', 'probability', 'label', 'notes']),
  document: new Set([
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
  ]),
} as const satisfies Record<string, ReadonlySet<string>>;

/** The parameters of each distribution family, all numbers or expressions, plus `notes`. */
export const DISTRIBUTION_PARAMETERS: Readonly<Record<DistributionKind, readonly string[]>> = {
  fixed: ['value'],
  uniform: ['min', 'max'],
  triangular: ['min', 'mode', 'max'],
  normal: ['mean', 'sd'],
  lognormal: ['mu', 'sigma'],
  exponential: ['mean'],
};
const DISTRIBUTION_KEYS = new Map<unknown, ReadonlySet<string>>(
  DISTRIBUTION_KINDS.map((kind) => [
    kind,
    new Set(['dist', ...DISTRIBUTION_PARAMETERS[kind], 'notes']),
  ]),
);

function fitsPosition(value: unknown): boolean {
  return (
    isPlain(value) &&
    onlyKeys(value, FAST_KEYS.position) &&
    isNumber(value.x) &&
    isNumber(value.y) &&
    isOptionalText(value.notes)
  );
}

/** A duration or a cost: an amount, an expression or a distribution. */
function fitsQuantity(value: unknown): boolean {
  if (isNumberOrText(value)) return true;
  if (!isPlain(value)) return false;
  const keys = DISTRIBUTION_KEYS.get(value.dist);
  if (keys === undefined || !onlyKeys(value, keys) || !isOptionalText(value.notes)) return false;
  for (const parameter of DISTRIBUTION_PARAMETERS[value.dist as DistributionKind]) {
    if (!isNumberOrText(value[parameter])) return false;
  }
  return true;
}

function fitsReliability(value: unknown): boolean {
  if (isNumberOrText(value)) return true;
  return (
    isPlain(value) &&
    onlyKeys(value, FAST_KEYS.observed) &&
    isNumber(value.successes) &&
    isNumber(value.trials) &&
    isOptionalText(value.notes)
  );
}

function fitsRecovery(value: unknown): boolean {
  return (
    isPlain(value) &&
    onlyKeys(value, FAST_KEYS.recovery) &&
    isNumberOrText(value.catch) &&
    isOptionalText(value.label) &&
    (value.duration === undefined || fitsQuantity(value.duration)) &&
    (value.cost === undefined || fitsQuantity(value.cost)) &&
    isOptionalText(value.notes)
  );
}

function fitsNode(node: unknown): boolean {
  if (!isPlain(node) || !NODE_TYPE_SET.has(node.type)) return false;
  const type = node.type as NodeType;
  if (!onlyKeys(node, FAST_NODE_KEYS.get(type)!)) return false;
  if (typeof node.id !== 'string' || !isOptionalText(node.label) || !isOptionalText(node.notes)) {
    return false;
  }
  if (node.lane !== undefined && !LANE_SET.has(node.lane)) return false;
  if (node.position !== undefined && !fitsPosition(node.position)) return false;
  switch (type) {
    case 'step':
      return (
        (node.reliability === undefined || fitsReliability(node.reliability)) &&
        (node.recovery === undefined || fitsRecovery(node.recovery)) &&
        (node.duration === undefined || fitsQuantity(node.duration)) &&
        (node.cost === undefined || fitsQuantity(node.cost))
      );
    case 'end':
      return node.outcome === undefined || node.outcome === 'success' || node.outcome === 'failure';
    case 'join':
      return node.k === undefined || isNumber(node.k);
    default:
      return true;
  }
}

function fitsEdge(edge: unknown): boolean {
  return (
    isPlain(edge) &&
    onlyKeys(edge, FAST_KEYS.edge) &&
    typeof edge.id === 'string' &&
    typeof edge.source === 'string' &&
    typeof edge.target === 'string' &&
    (edge.kind === undefined || edge.kind === 'normal' || edge.kind === 'failure') &&
    (edge.probability === undefined || isNumberOrText(edge.probability)) &&
    isOptionalText(edge.label) &&
    isOptionalText(edge.notes)
  );
}

/** Every item of a list fits; false for anything but a dense list. */
function everyItem(list: unknown, fits: (item: unknown) => boolean): boolean {
  if (!Array.isArray(list)) return false;
  for (let i = 0; i < list.length; i++) if (!fits(list[i])) return false;
  return true;
}

/** The small parts of a document, each checked by its own schema when the document has it. */
const SMALL_PARTS = ['parameters', 'scenarios', 'economics', 'options'] as const;

/**
 * True only if `BlueprintDocumentSchema` accepts `value`; false when it does not or when this
 * quick check cannot tell (then zod decides, and describes the problems).
 *
 * @example
 * const accepted = fitsBlueprintSchema(value) || BlueprintDocumentSchema.safeParse(value).success;
 */
export function fitsBlueprintSchema(value: unknown): boolean {
  if (!isPlain(value) || !onlyKeys(value, FAST_KEYS.document)) return false;
  if (value.format !== BLUEPRINT_FORMAT || value.version !== BLUEPRINT_VERSION) return false;
  if (!isOptionalText(value.title) || !isOptionalText(value.description)) return false;
  if (!isOptionalText(value.notes)) return false;
  for (const part of SMALL_PARTS) {
    if (value[part] === undefined) continue;
    if (!BlueprintDocumentSchema.shape[part].safeParse(value[part]).success) return false;
  }
  return everyItem(value.nodes, fitsNode) && everyItem(value.edges, fitsEdge);
}

/**
 * A quick yes to "does the blueprint schema accept this document?" for the shape nearly every
 * file has, so that a valid blueprint of a million nodes is not walked by zod, which builds a
 * full copy of the document as its output (the parser never uses it) and costs about as much
 * as `JSON.parse` itself.
 *
 * The check is one-sided on purpose: {@link fitsBlueprintSchema} answers `true` only when
 * `BlueprintDocumentSchema` accepts the value as well, and `false` whenever it is unsure. The
 * parser then runs zod, whose issues alone describe the problems, so every diagnostic stays
 * exactly what zod's path gives. Every part is checked here by hand, without zod, so that the
 * app opens a well-formed blueprint before zod has been loaded at all (it loads only to word
 * the problems of a file that does not fit; see `schema-wording.ts`).
 */
import {
  BLUEPRINT_FORMAT,
  BLUEPRINT_VERSION,
  DISTRIBUTION_KINDS,
  DISTRIBUTION_PARAMETERS,
  DOCUMENT_KEYS,
  type DistributionKind,
  type DocumentKey,
} from './document';
import type { NodeSpec } from './document-schema';
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
// the check learns the field's type too. A test holds these lists equal to the schemas'. The
// document's own keys are `DOCUMENT_KEYS` of `document.ts`, and `DOCUMENT_VALUE_FITS` below must
// name a check for each of them to compile, which keeps the same guard; so must
// `NODE_VALUE_FITS` for every key of every node type's schema.

/** The keys of a position, observed data, a recovery, an edge and a whole document. */
export const FAST_KEYS = {
  position: new Set(['x', 'y', 'notes']),
  observed: new Set(['successes', 'trials', 'notes']),
  recovery: new Set(['catch', 'label', 'duration', 'cost', 'notes']),
  parameter: new Set(['value', 'label', 'notes']),
  scenario: new Set(['id', 'name', 'description', 'options', 'changes', 'notes']),
  nodeChange: new Set(['node', 'set', 'notes']),
  nodeChangeSet: new Set(['reliability', 'recovery', 'duration', 'cost', 'notes']),
  edgeChange: new Set(['edge', 'set', 'notes']),
  edgeChangeSet: new Set(['probability', 'notes']),
  parameterChange: new Set(['parameter', 'value', 'notes']),
  economics: new Set([
    'currency',
    'customersPerYear',
    'customerValue',
    'lostShare',
    'wordOfMouth',
    'failureCost',
    'horizonYears',
    'notes',
  ]),
  spending: new Set(['spendPerVisit', 'visitsPerYear', 'years', 'notes']),
  wordOfMouth: new Set(['told', 'lostShare', 'notes']),
  option: new Set(['id', 'label', 'description', 'costOnce', 'costPerYear', 'changes', 'notes']),
  edge: new Set(['id', 'source', 'target', 'kind', 'probability', 'label', 'notes']),
  document: new Set(DOCUMENT_KEYS),
} as const satisfies Record<string, ReadonlySet<string>>;

// Written in `document.ts`, which also builds the shape parameter rename walks from it.
export { DISTRIBUTION_PARAMETERS };

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

/** A check of one member's value, given `undefined` when the member is left out. */
type Fits = (value: unknown) => boolean;

/** The checks of the members of the node schema of type `T`, its `type` aside. */
type NodeValueFits<T extends NodeType> = Readonly<
  Record<Exclude<keyof Extract<NodeSpec, { type: T }>, 'type'>, Fits>
>;

/** A member that may be left out, checked by `fits` when given. */
const optional =
  (fits: Fits): Fits =>
  (value) =>
    value === undefined || fits(value);

const NODE_BASE_FITS = {
  id: (value: unknown) => typeof value === 'string',
  label: isOptionalText,
  lane: optional((value) => LANE_SET.has(value)),
  position: optional(fitsPosition),
  notes: isOptionalText,
};

/**
 * Per node type, the check of each member its schema has. The record must name every member of
 * every type to compile, so a field added to a node schema is never let through unchecked.
 */
const NODE_VALUE_FITS: { readonly [T in NodeType]: NodeValueFits<T> } = {
  start: NODE_BASE_FITS,
  end: {
    ...NODE_BASE_FITS,
    outcome: optional((value) => value === 'success' || value === 'failure'),
  },
  step: {
    ...NODE_BASE_FITS,
    reliability: optional(fitsReliability),
    recovery: optional(fitsRecovery),
    duration: optional(fitsQuantity),
    cost: optional(fitsQuantity),
  },
  decision: NODE_BASE_FITS,
  parallel: NODE_BASE_FITS,
  join: { ...NODE_BASE_FITS, k: optional(isNumber) },
};

/** Per node type, its checks as a list, in the record's order. */
const NODE_CHECKS = new Map<NodeType, readonly [string, Fits][]>(
  NODE_TYPES.map((type) => [type, Object.entries(NODE_VALUE_FITS[type]) as [string, Fits][]]),
);

/** The keys a node of each type may carry: its checks' and `type`. */
export const FAST_NODE_KEYS: ReadonlyMap<NodeType, ReadonlySet<string>> = new Map(
  NODE_TYPES.map((type) => [type, new Set(['type', ...Object.keys(NODE_VALUE_FITS[type])])]),
);

function fitsNode(node: unknown): boolean {
  if (!isPlain(node) || !NODE_TYPE_SET.has(node.type)) return false;
  const type = node.type as NodeType;
  if (!onlyKeys(node, FAST_NODE_KEYS.get(type)!)) return false;
  for (const [key, fits] of NODE_CHECKS.get(type)!) if (!fits(node[key])) return false;
  return true;
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

function isOptionalNumberOrText(value: unknown): boolean {
  return value === undefined || isNumberOrText(value);
}

/** A plain object with only `allowed` keys, whose `notes` (if any) is text. */
function isStrict(value: unknown, allowed: ReadonlySet<string>): value is Raw {
  return isPlain(value) && onlyKeys(value, allowed) && isOptionalText(value.notes);
}

function fitsParameters(value: unknown): boolean {
  if (!isPlain(value)) return false;
  for (const parameter of Object.values(value)) {
    if (
      !isStrict(parameter, FAST_KEYS.parameter) ||
      !isNumberOrText(parameter.value) ||
      !isOptionalText(parameter.label)
    ) {
      return false;
    }
  }
  return true;
}

/** A scenario's or an option's change: to a step, to an edge's probability, to a parameter. */
function fitsChange(change: unknown): boolean {
  if (!isPlain(change)) return false;
  if (isStrict(change, FAST_KEYS.nodeChange) && typeof change.node === 'string') {
    const set = change.set;
    return (
      isStrict(set, FAST_KEYS.nodeChangeSet) &&
      (set.reliability === undefined || fitsReliability(set.reliability)) &&
      (set.recovery === undefined || set.recovery === null || fitsRecovery(set.recovery)) &&
      (set.duration === undefined || fitsQuantity(set.duration)) &&
      (set.cost === undefined || fitsQuantity(set.cost))
    );
  }
  if (isStrict(change, FAST_KEYS.edgeChange) && typeof change.edge === 'string') {
    return isStrict(change.set, FAST_KEYS.edgeChangeSet) && isNumberOrText(change.set.probability);
  }
  return (
    isStrict(change, FAST_KEYS.parameterChange) &&
    typeof change.parameter === 'string' &&
    isNumberOrText(change.value)
  );
}

function fitsScenario(scenario: unknown): boolean {
  return (
    isStrict(scenario, FAST_KEYS.scenario) &&
    typeof scenario.id === 'string' &&
    typeof scenario.name === 'string' &&
    isOptionalText(scenario.description) &&
    (scenario.options === undefined ||
      everyItem(scenario.options, (id) => typeof id === 'string')) &&
    everyItem(scenario.changes, fitsChange)
  );
}

function fitsEconomics(economics: unknown): boolean {
  if (!isStrict(economics, FAST_KEYS.economics)) return false;
  const value = economics.customerValue;
  const spending =
    isStrict(value, FAST_KEYS.spending) &&
    isNumberOrText(value.spendPerVisit) &&
    isNumberOrText(value.visitsPerYear) &&
    isNumberOrText(value.years);
  const mouth = economics.wordOfMouth;
  return (
    typeof economics.currency === 'string' &&
    isNumberOrText(economics.customersPerYear) &&
    (isNumberOrText(value) || spending) &&
    isNumberOrText(economics.lostShare) &&
    (mouth === undefined ||
      (isStrict(mouth, FAST_KEYS.wordOfMouth) &&
        isNumberOrText(mouth.told) &&
        isNumberOrText(mouth.lostShare))) &&
    isOptionalNumberOrText(economics.failureCost) &&
    isOptionalNumberOrText(economics.horizonYears)
  );
}

function fitsOption(option: unknown): boolean {
  return (
    isStrict(option, FAST_KEYS.option) &&
    typeof option.id === 'string' &&
    isOptionalText(option.label) &&
    isOptionalText(option.description) &&
    isNumberOrText(option.costOnce) &&
    isOptionalNumberOrText(option.costPerYear) &&
    everyItem(option.changes, fitsChange)
  );
}

/**
 * The check of each top-level key's value. The keys come from `DOCUMENT_KEYS`, and the record
 * names every one of them: a key added to the format does not compile here until this check
 * learns its type, so it is never let through unchecked.
 */
const DOCUMENT_VALUE_FITS: Readonly<Record<DocumentKey, (value: unknown) => boolean>> = {
  format: (value) => value === BLUEPRINT_FORMAT,
  version: (value) => value === BLUEPRINT_VERSION,
  title: isOptionalText,
  description: isOptionalText,
  notes: isOptionalText,
  parameters: (value) => value === undefined || fitsParameters(value),
  scenarios: (value) => value === undefined || everyItem(value, fitsScenario),
  economics: (value) => value === undefined || fitsEconomics(value),
  options: (value) => value === undefined || everyItem(value, fitsOption),
  // The lists of nodes and edges are the long ones: checked last, after every cheap refusal.
  nodes: (value) => everyItem(value, fitsNode),
  edges: (value) => everyItem(value, fitsEdge),
};

/** The top-level keys in the order they are checked: the record's own order. */
const DOCUMENT_CHECK_ORDER = Object.keys(DOCUMENT_VALUE_FITS) as DocumentKey[];

/**
 * True only if `BlueprintDocumentSchema` accepts `value`; false when it does not or when this
 * quick check cannot tell (then zod decides, and describes the problems).
 *
 * @example
 * const accepted = fitsBlueprintSchema(value) || BlueprintDocumentSchema.safeParse(value).success;
 */
export function fitsBlueprintSchema(value: unknown): boolean {
  if (!isPlain(value) || !onlyKeys(value, FAST_KEYS.document)) return false;
  for (const key of DOCUMENT_CHECK_ORDER) if (!DOCUMENT_VALUE_FITS[key](value[key])) return false;
  return true;
}

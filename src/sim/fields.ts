/**
 * The field registry: what every field of a blueprint is, derived from the zod schemas of
 * `document.ts` so that it cannot drift from the file format.
 *
 * - Which node types carry a field: the node schemas that have it in their shape.
 * - Whether a scenario may set it: it is in the shape of a scenario's node change.
 * - Whether a parameter rename must rewrite it: its schema admits an expression (a number or a
 *   string), directly or inside an object, union or list.
 * - What it is and in what unit: metadata registered on the field's schema where the schema is
 *   written (`kind`, `unit`).
 *
 * Parsing, the editing commands, scenario application, parameter rename, the inspector and the
 * scenario form read the registry instead of listing fields, so a new field (the money fields
 * are next) is written once, in its schema with its metadata, plus its tests.
 */
import * as z from 'zod';
import { NODE_TYPES, type NodeType } from './model';

/**
 * What a field holds, as an editor shows it:
 * - `text`: prose (labels, notes), never an expression;
 * - `choice`: one of a fixed set of words (lane, outcome, edge kind);
 * - `integer`: a whole number (a join's `k`);
 * - `probability`: a number or expression in [0, 1];
 * - `reliability`: a probability, or observed data (successes out of trials);
 * - `recovery`: an object with a catch rate, a label, a duration and a cost;
 * - `quantity`: a fixed amount (number or expression) or a distribution;
 * - `position`: where a node is drawn (layout, not meaning).
 */
export type FieldKind =
  | 'text'
  | 'choice'
  | 'integer'
  | 'probability'
  | 'reliability'
  | 'recovery'
  | 'quantity'
  | 'position';

/** The unit a field's numbers are in. */
export type FieldUnit = 'probability' | 'minutes' | 'currency' | 'branches' | 'pixels';

/** What is registered on a field's schema. */
export interface FieldMeta {
  kind: FieldKind;
  unit?: FieldUnit;
}

/**
 * The metadata of each field schema, registered where the schema is written:
 * `reliability: ReliabilitySpecSchema.optional().register(fieldMeta, { kind: 'reliability' })`.
 */
export const fieldMeta = z.registry<FieldMeta>();

/** A field of a node, as the registry knows it. */
export interface NodeFieldInfo {
  key: string;
  kind: FieldKind;
  unit?: FieldUnit;
  /** Node types that may carry the field, in the order of {@link NODE_TYPES}. */
  nodeTypes: readonly NodeType[];
  /** A scenario's node change may set it. */
  scenario: boolean;
  /** It may hold expressions over the parameters (so a parameter rename rewrites it). */
  expressions: boolean;
  /** For `choice` fields: the words it may take, in the order of the schema. */
  options?: readonly string[];
}

type AnySchema = z.core.$ZodType;

function def(schema: AnySchema): z.core.$ZodTypeDef & Record<string, unknown> {
  return schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
}

/** The schema inside `optional`, `nullable` and `default` wrappers. */
function unwrap(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const d = def(current);
    if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default') {
      current = d.innerType as AnySchema;
    } else {
      return current;
    }
  }
}

/** Whether a value of this schema may be (or contain) an expression: a number-or-string. */
export function holdsExpressions(schema: AnySchema): boolean {
  const inner = unwrap(schema);
  const d = def(inner);
  switch (d.type) {
    case 'union': {
      const options = d.options as AnySchema[];
      const types = new Set(options.map((o) => def(unwrap(o)).type));
      return (types.has('number') && types.has('string')) || options.some(holdsExpressions);
    }
    case 'object':
      return Object.values(d.shape as Record<string, AnySchema>).some(holdsExpressions);
    case 'array':
      return holdsExpressions(d.element as AnySchema);
    case 'record':
      return holdsExpressions(d.valueType as AnySchema);
    default:
      return false;
  }
}

/**
 * Applies `rewrite` to every expression in a value, guided by its schema: strings where the
 * schema admits a number or a string are expressions; labels, notes, ids, references and words
 * of a choice are left alone. Returns the very same value when nothing changed, and copies only
 * the objects on the way to a change.
 *
 * @example
 * mapExpressions(NodeSpecSchema, node, (text) => text.replace(/\bold\b/g, 'new'));
 */
export function mapExpressions<T>(
  schema: AnySchema,
  value: T,
  rewrite: (expression: string) => string,
): T {
  return walk(schema, value, rewrite) as T;
}

function walk(schema: AnySchema, value: unknown, rewrite: (text: string) => string): unknown {
  const inner = unwrap(schema);
  const d = def(inner);
  if (value === null || value === undefined) return value;
  switch (d.type) {
    case 'union': {
      const options = d.options as AnySchema[];
      if (typeof value === 'string') {
        const types = new Set(options.map((o) => def(unwrap(o)).type));
        return types.has('number') && types.has('string') ? rewrite(value) : value;
      }
      if (typeof value !== 'object') return value;
      const option = pickOption(options, d.discriminator as string | undefined, value);
      return option ? walk(option, value, rewrite) : value;
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const shape = d.shape as Record<string, AnySchema>;
      let copy: Record<string, unknown> | null = null;
      for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
        const fieldSchema = shape[key];
        if (!fieldSchema) continue;
        const next = walk(fieldSchema, field, rewrite);
        if (next !== field) {
          copy ??= { ...(value as Record<string, unknown>) };
          copy[key] = next;
        }
      }
      return copy ?? value;
    }
    case 'array': {
      if (!Array.isArray(value)) return value;
      const element = d.element as AnySchema;
      let changed = false;
      const next = value.map((item) => {
        const mapped = walk(element, item, rewrite);
        if (mapped !== item) changed = true;
        return mapped;
      });
      return changed ? next : value;
    }
    case 'record': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const valueType = d.valueType as AnySchema;
      let copy: Record<string, unknown> | null = null;
      for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
        const next = walk(valueType, field, rewrite);
        if (next !== field) {
          copy ??= { ...(value as Record<string, unknown>) };
          copy[key] = next;
        }
      }
      return copy ?? value;
    }
    default:
      return value;
  }
}

/**
 * The option of a union an object value belongs to: by the discriminator of a discriminated
 * union; otherwise the one option that can hold objects (an object, or a union of objects such
 * as a distribution), or among several objects the one whose keys cover the value's.
 */
function pickOption(
  options: readonly AnySchema[],
  discriminator: string | undefined,
  value: object,
): AnySchema | undefined {
  const objects = options.filter((o) => def(unwrap(o)).type === 'object');
  if (discriminator !== undefined) {
    const tag = (value as Record<string, unknown>)[discriminator];
    return objects.find((o) => {
      const literal = shapeOf(o)[discriminator];
      const d = literal ? def(unwrap(literal)) : undefined;
      return d?.type === 'literal' && (d.values as unknown[]).includes(tag);
    });
  }
  const nested = options.filter((o) => def(unwrap(o)).type === 'union' && holdsObjects(o));
  if (objects.length + nested.length === 1) return objects[0] ?? nested[0];
  const keys = Object.keys(value);
  return objects.find((o) => keys.every((key) => key in shapeOf(o)));
}

/** Whether a union has an option that holds objects. */
function holdsObjects(schema: AnySchema): boolean {
  const d = def(unwrap(schema));
  if (d.type === 'object') return true;
  return d.type === 'union' && (d.options as AnySchema[]).some(holdsObjects);
}

/** The shape of an object schema. */
export function shapeOf(schema: AnySchema): Readonly<Record<string, AnySchema>> {
  const d = def(unwrap(schema));
  if (d.type !== 'object') throw new TypeError('shapeOf expects an object schema');
  return d.shape as Record<string, AnySchema>;
}

/** The words an enum schema allows, or undefined for any other schema. */
function choicesOf(schema: AnySchema): readonly string[] | undefined {
  const d = def(unwrap(schema));
  return d.type === 'enum' ? Object.values(d.entries as Record<string, string>) : undefined;
}

/** Keys of a node shape that identify it rather than describe it. */
const IDENTITY_KEYS: ReadonlySet<string> = new Set(['id', 'type']);

/**
 * Builds the node field registry from one object schema per node type and the shape of a
 * scenario's node change. Every field must carry registered {@link FieldMeta}: a field without
 * it is a mistake in the schemas, reported here at once rather than rendered wrongly later.
 */
export function buildNodeFieldRegistry(
  nodeSchemas: Readonly<Record<NodeType, AnySchema>>,
  scenarioChange: AnySchema,
): ReadonlyMap<string, NodeFieldInfo> {
  const scenarioKeys = new Set(Object.keys(shapeOf(scenarioChange)).filter((k) => k !== 'notes'));
  const fields = new Map<string, NodeFieldInfo>();
  for (const type of NODE_TYPES) {
    for (const [key, schema] of Object.entries(shapeOf(nodeSchemas[type]))) {
      if (IDENTITY_KEYS.has(key)) continue;
      const known = fields.get(key);
      if (known) {
        fields.set(key, { ...known, nodeTypes: [...known.nodeTypes, type] });
        continue;
      }
      const meta = fieldMeta.get(schema as z.ZodType);
      if (!meta) throw new TypeError(`The field "${key}" of ${type} nodes has no field metadata`);
      const options = choicesOf(schema);
      fields.set(key, {
        key,
        kind: meta.kind,
        ...(meta.unit ? { unit: meta.unit } : {}),
        ...(options ? { options } : {}),
        nodeTypes: [type],
        scenario: scenarioKeys.has(key),
        expressions: holdsExpressions(schema),
      });
    }
  }
  for (const key of scenarioKeys) {
    if (!fields.has(key)) throw new TypeError(`A scenario may set "${key}", which no node has`);
  }
  return fields;
}

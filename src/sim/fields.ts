/**
 * The field registry: what every field of a blueprint is, derived from the zod schemas of
 * `document-schema.ts` so that it cannot drift from the file format.
 *
 * - Which node types carry a field: the node schemas that have it in their shape.
 * - Whether a scenario may set it: it is in the shape of a scenario's node change.
 * - Whether a parameter rename must rewrite it: its schema admits an expression (a number or a
 *   string), directly or inside an object, union or list.
 * - What it is and in what unit: metadata registered on the field's schema where the schema is
 *   written (`kind`, `unit`).
 *
 * Parsing, the editing commands, scenario application, parameter rename, the inspector and the
 * scenario form read the registry instead of listing fields. They read it from `document.ts`,
 * which writes the registry out as a plain table so that the app needs no zod to edit; a test
 * holds that table equal to {@link buildNodeFieldRegistry} over the schemas, so a new field is
 * written in its schema with its metadata, then in the table, and the test says if one is
 * missing.
 */
import * as z from 'zod';
import { NODE_TYPES, type NodeType } from './model';
import { mapShapeExpressions, shapeHoldsExpressions, type Shape } from './shape';

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

/**
 * The plain {@link Shape} of a schema: what parameter rename and the field registry need to
 * know of it, without zod. A test holds `DOCUMENT_SHAPE` equal to the shape read here from
 * `BlueprintDocumentSchema`.
 */
export function describeSchema(schema: AnySchema): Shape {
  const d = def(unwrap(schema));
  switch (d.type) {
    case 'number':
    case 'string':
      return { type: d.type };
    case 'literal':
      return { type: 'literal', values: [...(d.values as unknown[])] };
    case 'enum':
      return { type: 'enum', values: Object.values(d.entries as Record<string, string>) };
    case 'object':
      return {
        type: 'object',
        shape: Object.fromEntries(
          Object.entries(d.shape as Record<string, AnySchema>).map(([key, field]) => [
            key,
            describeSchema(field),
          ]),
        ),
      };
    case 'array':
      return { type: 'array', element: describeSchema(d.element as AnySchema) };
    case 'record':
      return { type: 'record', value: describeSchema(d.valueType as AnySchema) };
    case 'union': {
      const options = (d.options as AnySchema[]).map(describeSchema);
      const discriminator = d.discriminator as string | undefined;
      return discriminator === undefined
        ? { type: 'union', options }
        : { type: 'union', options, discriminator };
    }
    default:
      return { type: 'other' };
  }
}

/** Whether a value of this schema may be (or contain) an expression: a number-or-string. */
export function holdsExpressions(schema: AnySchema): boolean {
  return shapeHoldsExpressions(describeSchema(schema));
}

/**
 * Applies `rewrite` to every expression in a value, guided by its schema (see
 * {@link mapShapeExpressions}, which does the walking on the schema's plain shape).
 *
 * @example
 * mapExpressions(NodeSpecSchema, node, (text) => text.replace(/\bold\b/g, 'new'));
 */
export function mapExpressions<T>(
  schema: AnySchema,
  value: T,
  rewrite: (expression: string) => string,
): T {
  return mapShapeExpressions(describeSchema(schema), value, rewrite);
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
